// Node 24 has these (ES2024); the shared tsconfig targets the ES2023 library. Tests use them;
// the library goes through src/text/well-formed.ts so dependants need no declaration.
interface String {
  isWellFormed(): boolean;
  toWellFormed(): string;
}
