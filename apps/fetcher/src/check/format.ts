import { type SourceCheck, scopeLabel } from "./check-source.ts";

/** The short report an operator reads: what works, then one line per problem with what to do. */
export function formatSourceCheck(check: SourceCheck): string[] {
  const lines = [
    `source ${check.sourceId}: organization ${check.organizationId} at ${check.cell}, as user ${check.user}`,
  ];
  if (check.token) {
    lines.push(`  ok     token minted in ${check.token.ms} ms, valid ${check.token.expiresInSeconds} s`);
  }
  if (check.sites.length > 0) {
    const shown = check.sites.slice(0, 10).map((s) => (s.name ? `${s.name} (${s.id})` : s.id));
    const more = check.sites.length > 10 ? `, and ${check.sites.length - 10} more` : "";
    lines.push(
      `  ok     ${check.sites.length} site${check.sites.length === 1 ? "" : "s"}: ${shown.join(", ")}${more}`,
    );
  }
  for (const scope of check.scopes) {
    if (scope.count === undefined) continue;
    const unread = scope.invalid > 0 ? ` (${scope.invalid} in a shape the client cannot read)` : "";
    lines.push(
      `  ok     ${scopeLabel(scope)}: ${scope.count} live item${scope.count === 1 ? "" : "s"} visible${unread}`,
    );
  }
  for (const note of check.notes) lines.push(`  note   ${note}`);
  for (const problem of check.problems) lines.push(`  FAIL   ${problem}`);
  const total = check.scopes.reduce((n, s) => n + (s.count ?? 0), 0);
  const verdict =
    check.exitCode === 0
      ? `ok: ${total} live items visible in ${check.scopes.length} scope${check.scopes.length === 1 ? "" : "s"}`
      : `failed (exit ${check.exitCode}): ${check.problems.length} problem${check.problems.length === 1 ? "" : "s"}`;
  lines.push(`  ${verdict}, ${(check.ms / 1000).toFixed(1)} s`);
  return lines;
}
