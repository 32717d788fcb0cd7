// Node 24 has these (ES2024); the shared tsconfig targets the ES2023 library.
interface String {
  isWellFormed(): boolean;
  toWellFormed(): string;
}
