import { createHash } from "node:crypto";

const digest = (input: string) => createHash("sha256").update(input).digest();

/** A LumApps-like id (16 digits, no leading zero) derived from a stable source path. */
export function digitsId(input: string): string {
  const n = digest(input).readBigUInt64BE(0) % 9_000_000_000_000_000n;
  return String(1_000_000_000_000_000n + n);
}

/** A uuid-shaped widget/row id derived from a stable input. */
export function uuidFrom(input: string): string {
  const h = digest(input).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A number in [0, 1) derived from a stable input: deterministic choices in the builders. */
export function unitFrom(input: string): number {
  return digest(input).readUInt32BE(0) / 2 ** 32;
}
