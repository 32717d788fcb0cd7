/** The few admin calls the orchestrator makes on the local edge (keys, gc). */
export async function createKey(
  edgeUrl: string,
  adminSecret: string,
  body: { name: string; audiences: string[]; scopes: string[]; trusted?: boolean },
): Promise<{ id: string; key: string }> {
  const res = await fetch(`${edgeUrl}/admin/v1/keys`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminSecret}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 201)
    throw new Error(`creating the ${body.name} key failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; key: string };
}

/** True when the key still authenticates (a persisted key survives restarts of `pnpm dev`). */
export async function keyWorks(edgeUrl: string, key: string, path: string): Promise<boolean> {
  const res = await fetch(`${edgeUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
  await res.arrayBuffer();
  return res.status !== 401 && res.status !== 403;
}

export async function runGc(edgeUrl: string, key: string): Promise<void> {
  const res = await fetch(`${edgeUrl}/admin/v1/gc`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
  });
  await res.arrayBuffer();
}
