/** Sums the samples of one Prometheus metric (all label sets) from a /metrics text. */
export function sumMetric(text: string, name: string, labelFilter?: (labels: string) => boolean): number {
  let total = 0;
  let seen = false;
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== " " && rest[0] !== "{") continue;
    const labels = rest[0] === "{" ? rest.slice(1, rest.indexOf("}")) : "";
    if (labelFilter && !labelFilter(labels)) continue;
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (Number.isFinite(value)) {
      total += value;
      seen = true;
    }
  }
  return seen ? total : Number.NaN;
}

export async function scrape(url: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1500) });
    return res.ok ? await res.text() : "";
  } catch {
    return "";
  }
}
