import { readdirSync, readFileSync } from "node:fs";

/** Child processes of this one (Linux /proc), for finding the workerd each Miniflare started. */
export function childPids(): number[] {
  const out: number[] = [];
  for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
    try {
      const text = readFileSync(`/proc/${process.pid}/task/${tid}/children`, "utf8").trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    } catch {}
  }
  return out;
}

export function isWorkerd(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim().startsWith("workerd");
  } catch {
    return false;
  }
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system, all threads) a process has used so far, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}
