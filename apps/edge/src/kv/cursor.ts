import { badRequest } from "../errors.ts";

/**
 * Listing cursors are KV's cursors sealed with AES-GCM: KV cursors may encode the last key read,
 * and that key can name a content the reader may not see. A sealed cursor says nothing and only
 * works for the listing it came from.
 */
const keys = new Map<string, Promise<CryptoKey>>();

function cryptoKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .digest("SHA-256", new TextEncoder().encode(`lumasnip.cursor.v1|${secret}`))
      .then((raw) => crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]));
    keys.set(secret, key);
  }
  return key;
}

function toBase64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
}

export const CURSOR_PATTERN = /^[A-Za-z0-9_-]{16,2048}$/;

export async function sealCursor(secret: string, scope: string, kvCursor: string): Promise<string> {
  // a nonce derived from the secret and the plaintext: the same page always gets the same cursor,
  // so its ETag holds, and equal cursors reveal only that they are equal
  const nonceInput = new TextEncoder().encode(`${secret}\u0000${scope}\u0000${kvCursor}`);
  const iv = new Uint8Array(await crypto.subtle.digest("SHA-256", nonceInput)).slice(0, 12);
  const plain = new TextEncoder().encode(JSON.stringify([scope, kvCursor]));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await cryptoKey(secret), plain),
  );
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return toBase64url(out);
}

/** The KV cursor inside, or a 400 for anything forged, corrupted or from another listing. */
export async function openCursor(secret: string, scope: string, cursor: string): Promise<string> {
  const invalid = () => badRequest("cursor is not one this listing returned");
  if (!CURSOR_PATTERN.test(cursor)) throw invalid();
  let plain: ArrayBuffer;
  try {
    const bytes = fromBase64url(cursor);
    plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.subarray(0, 12) },
      await cryptoKey(secret),
      bytes.subarray(12),
    );
  } catch {
    throw invalid();
  }
  const parsed: unknown = JSON.parse(new TextDecoder().decode(plain));
  if (!Array.isArray(parsed) || parsed[0] !== scope || typeof parsed[1] !== "string") throw invalid();
  return parsed[1];
}
