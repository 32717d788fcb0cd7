import type { Scope } from "@lumasnip/schema";

/** Who is calling: an API key from KV, or the bootstrap secret (admin scope only, no audiences). */
export interface Principal {
  kind: "key" | "bootstrap";
  id: string;
  scopes: readonly Scope[];
  audiences: readonly string[];
  trusted: boolean;
}

/** What a read request may see: the key's audiences, narrowed per request by a trusted key. */
export interface Reader {
  audiences: readonly string[];
  /** the end user's groups from the audience header (trusted keys only) */
  narrowedTo: readonly string[] | undefined;
}
