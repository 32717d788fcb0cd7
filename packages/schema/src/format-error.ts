import type { z } from "zod";

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

export interface FormatZodErrorOptions {
  /** issues listed before "and N more"; default 5 */
  maxIssues?: number;
}

/**
 * One line naming each failing path and what was expected, fit for a DLQ record's `error` or a
 * 400 body: `content.updatedAt: expected ISO date-time (e.g. 2026-01-31T12:00:00Z)`. Never
 * includes the input's values, so content text or secrets cannot leak through it.
 */
export function formatZodError(
  error: { issues: readonly Issue[] },
  options: FormatZodErrorOptions = {},
): string {
  const max = options.maxIssues ?? 5;
  const shown = error.issues.slice(0, max).map(formatZodIssue);
  const rest = error.issues.length - shown.length;
  if (rest > 0) shown.push(`and ${rest} more`);
  return shown.join("; ");
}

export function formatZodIssue(issue: Issue): string {
  return `${formatIssuePath(issue.path)}: ${describe(issue)}`;
}

/** `content.languages[0].snippets[3].id`; odd record keys quoted (`title["pt_BR x"]`); `(root)`. */
export function formatIssuePath(path: readonly PathKey[]): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describe(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type": {
      const received = /received (\w+)/.exec(issue.message)?.[1];
      if (issue.expected === "nonoptional") return "missing";
      if (received === "undefined") return `missing, expected ${issue.expected}`;
      return received ? `expected ${issue.expected}, got ${received}` : `expected ${issue.expected}`;
    }
    case "invalid_format":
      if (issue.format === "datetime") return "expected ISO date-time (e.g. 2026-01-31T12:00:00Z)";
      return issue.message;
    case "invalid_value":
      return issue.values.length === 1
        ? `expected ${literal(issue.values[0])}`
        : `expected one of ${issue.values.map(literal).join(", ")}`;
    case "invalid_union": {
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options) && options.length > 0)
        return `expected one of ${options.map(literal).join(", ")}`;
      return "matches none of the allowed shapes";
    }
    case "invalid_key":
      return `invalid key: ${issue.issues[0]?.message ?? issue.message}`;
    case "unrecognized_keys":
      return `unknown ${issue.keys.length === 1 ? "key" : "keys"} ${issue.keys.map(literal).join(", ")}`;
    case "too_small":
    case "too_big":
      return issue.message.replace(/^Too (small|big): /, "");
    default:
      return issue.message;
  }
}

function literal(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
