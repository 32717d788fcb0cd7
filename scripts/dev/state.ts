import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

export interface DevSecrets {
  adminSecret: string;
  cursorSecret: string;
  readKey?: string;
  publisherKey?: string;
}

/** Secrets of the local stack, made once and kept in the git-ignored state folder. */
export function loadDevSecrets(stateDir: string): DevSecrets {
  mkdirSync(stateDir, { recursive: true });
  const file = resolve(stateDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  const secrets: DevSecrets = {
    adminSecret: randomBytes(32).toString("base64url"),
    cursorSecret: randomBytes(32).toString("base64url"),
  };
  saveDevSecrets(stateDir, secrets);
  return secrets;
}

export function saveDevSecrets(stateDir: string, secrets: DevSecrets): void {
  writeFileSync(resolve(stateDir, "secrets.json"), `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
}
