import { z } from "zod";
import { hash128 } from "./base32.ts";

export const SnippetIdSchema = z.string().regex(/^[a-z2-7]{26}$/, "a snippet id is 26 base32 characters");

export interface SnippetIdInput {
  sourceId: string;
  contentId: string;
  lang: string;
  headingPath: readonly string[];
  text: string;
  /** 0 for the first snippet with this exact text in this section, 1 for the next, ... */
  occurrence: number;
}

/**
 * The exact text `snippetId` hashes: JSON framing keeps field boundaries unambiguous. Exported
 * so a Node stage can hash it synchronously (node:crypto) and get the same id.
 */
export function snippetIdPreimage(input: SnippetIdInput): string {
  return JSON.stringify([
    "lumasnip.snippet.v1",
    input.sourceId,
    input.contentId,
    input.lang,
    input.headingPath,
    input.text,
    input.occurrence,
  ]);
}

/**
 * SHA-256 (first 128 bits, base32) over source, content, language, heading path, text and the
 * occurrence number of identical text in the section (DESIGN.md "Identities"). Same value in
 * Node and workerd (WebCrypto).
 */
export function snippetId(input: SnippetIdInput): Promise<string> {
  return hash128(snippetIdPreimage(input));
}
