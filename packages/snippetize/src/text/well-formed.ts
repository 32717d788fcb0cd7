/** ES2024 `String.prototype.{is,to}WellFormed` (Node 24 has them; the shared tsconfig's lib is ES2023). */
type WellFormed = { isWellFormed(): boolean; toWellFormed(): string };

/** The text with every lone surrogate replaced by U+FFFD: a pair is never half-present. */
export function toWellFormed(text: string): string {
  const s = text as unknown as WellFormed;
  return s.isWellFormed() ? text : s.toWellFormed();
}
