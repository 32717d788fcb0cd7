import { hash } from "node:crypto";
import { base32, type SnippetIdInput, snippetIdPreimage } from "@lumasnip/schema";

/**
 * `snippetId()` of the contracts, computed synchronously: WebCrypto's promise per digest cost
 * more than the rest of snippetizing a page (docs/benchmarks.md#snippetizer). Same preimage,
 * same SHA-256, same id (a unit test holds the two together).
 */
export function snippetIdSync(input: SnippetIdInput): string {
  return base32(hash("sha256", snippetIdPreimage(input), "buffer").subarray(0, 16));
}

export function sha256Base32(text: string): string {
  return base32(hash("sha256", text, "buffer"));
}
