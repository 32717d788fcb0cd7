import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Seed, SimContent } from "./types.ts";

/** The seed shipped in the repo: `pnpm dev` runs on it without ../shared. */
export const demoSeedDir = resolve(fileURLToPath(new URL("../seed/demo", import.meta.url)));

/**
 * A seed directory: `seed.json` (customer, groups), `instances.json`, `metadata.json`,
 * `content-types.json` and `contents.jsonl` (one content per line).
 */
export function readSeedDir(dir: string): Seed {
  const file = (name: string) => join(dir, name);
  if (!existsSync(file("seed.json"))) throw new Error(`${dir} is not a seed directory (no seed.json)`);
  const head = JSON.parse(readFileSync(file("seed.json"), "utf8")) as Pick<Seed, "customer" | "groups">;
  const contents = readFileSync(file("contents.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as SimContent);
  return {
    customer: head.customer,
    groups: head.groups ?? [],
    instances: JSON.parse(readFileSync(file("instances.json"), "utf8")),
    metadata: JSON.parse(readFileSync(file("metadata.json"), "utf8")),
    customContentTypes: JSON.parse(readFileSync(file("content-types.json"), "utf8")),
    contents,
  };
}

export function writeSeedDir(dir: string, seed: Seed, extra: Record<string, unknown> = {}): void {
  mkdirSync(dir, { recursive: true });
  const pretty = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;
  writeFileSync(join(dir, "seed.json"), pretty({ customer: seed.customer, groups: seed.groups, ...extra }));
  writeFileSync(join(dir, "instances.json"), pretty(seed.instances));
  writeFileSync(join(dir, "metadata.json"), pretty(seed.metadata));
  writeFileSync(join(dir, "content-types.json"), pretty(seed.customContentTypes));
  writeFileSync(join(dir, "contents.jsonl"), seed.contents.map((c) => JSON.stringify(c)).join("\n") + "\n");
}
