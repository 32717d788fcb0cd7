const REDACTED = "[redacted]";

/**
 * Holds a secret so that it cannot leak by accident: `String()`, `JSON.stringify` and
 * `util.inspect` all print `[redacted]`; only `reveal()` gives the value.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return REDACTED;
  }
}

/** Replaces every occurrence of each value (and its URL-encoded form) in `text` with `[redacted]`. */
export function redact(text: string, values: readonly string[]): string {
  let out = text;
  for (const value of values) {
    if (value.length < 4) continue; // too short to search for without mangling ordinary text
    for (const form of new Set([value, encodeURIComponent(value)])) out = out.split(form).join(REDACTED);
  }
  return out;
}

const SAFE_CAUSE_FIELDS = ["code", "errno", "syscall", "hostname", "address", "port"] as const;

/**
 * A copy of a foreign error (fetch's `TypeError: fetch failed` and its socket cause) that keeps only
 * the name, the redacted message and a few diagnostic fields, so no request detail rides along.
 */
export function safeCause(error: unknown, values: readonly string[], depth = 0): Error | undefined {
  if (error === undefined || error === null || depth > 3) return undefined;
  if (!(error instanceof Error)) return new Error(redact(String(error), values));
  const copy = new Error(redact(error.message, values)) as Error & Record<string, unknown>;
  copy.name = error.name;
  for (const field of SAFE_CAUSE_FIELDS) {
    const v = (error as unknown as Record<string, unknown>)[field];
    if (typeof v === "string" || typeof v === "number")
      copy[field] = typeof v === "string" ? redact(v, values) : v;
  }
  const inner = safeCause(error.cause, values, depth + 1);
  if (inner) copy.cause = inner;
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
