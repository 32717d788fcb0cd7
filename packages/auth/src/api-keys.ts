/**
 * API keys of the edge: generation, hashing and constant-time verification with WebCrypto only,
 * so this file runs unchanged in Node and in workerd. It imports nothing.
 *
 * Keys are 32 random bytes, so a plain SHA-256 is enough to store them: a slow password hash
 * protects guessable secrets, and 256 random bits cannot be guessed.
 */

export const API_KEY_PREFIX = "lsk_";
const KEY_BYTES = 32;
const KEY_PATTERN = /^[a-z]{2,8}_[A-Za-z0-9_-]{43}$/;

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A new key: `lsk_` + 32 random bytes in base64url (47 characters). Shown once, stored hashed. */
export function generateApiKey(prefix = API_KEY_PREFIX): string {
  return prefix + base64url(crypto.getRandomValues(new Uint8Array(KEY_BYTES)));
}

/** Whether `key` has the shape of a generated key (cheap check before any lookup). */
export function looksLikeApiKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** SHA-256 of the key, lowercase hex: what KV stores and looks keys up by. */
export async function hashApiKey(key: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)));
}

/** Compares in time independent of where the strings differ (lengths are public: both are hashes). */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/** Whether the presented key hashes to `storedHash`. */
export async function verifyApiKey(presented: string, storedHash: string): Promise<boolean> {
  return constantTimeEqual(await hashApiKey(presented), storedHash.toLowerCase());
}
