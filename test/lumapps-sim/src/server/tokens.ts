import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Access tokens: HS256 JWTs signed with a key only this simulator instance knows. */
export interface TokenClaims {
  sub: string;
  org: string;
  app: string;
  iat: number;
  exp: number;
  jti: string;
  /** revocation generation */
  gen: number;
}

export interface Tokens {
  mint(claims: { sub: string; org: string; app: string }): { token: string; expiresIn: number };
  /** the claims of a valid token, or why it is not */
  verify(token: string): { ok: true; claims: TokenClaims } | { ok: false; reason: string };
  /** every token minted so far stops working (tests of the re-mint-on-401 path) */
  revokeAll(): void;
  minted(): number;
}

const b64 = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export function createTokens(options: { ttlSeconds: number; nowMs: () => number }): Tokens {
  const key = randomBytes(32);
  let generation = 0;
  let count = 0;
  const sign = (data: string) => createHmac("sha256", key).update(data).digest();
  return {
    mint({ sub, org, app }) {
      const iat = options.nowMs() / 1000;
      const claims: TokenClaims = {
        sub,
        org,
        app,
        iat,
        exp: iat + options.ttlSeconds,
        jti: randomBytes(8).toString("hex"),
        gen: generation,
      };
      const data = `${b64(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64(JSON.stringify(claims))}`;
      count++;
      return {
        token: `${data}.${sign(data).toString("base64url")}`,
        expiresIn: Math.round(options.ttlSeconds),
      };
    },
    verify(token) {
      const parts = token.split(".");
      if (parts.length !== 3) return { ok: false, reason: "malformed token" };
      const [head, body, sig] = parts as [string, string, string];
      const expected = sign(`${head}.${body}`);
      const given = Buffer.from(sig, "base64url");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return { ok: false, reason: "invalid token signature" };
      }
      let claims: TokenClaims;
      try {
        claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as TokenClaims;
      } catch {
        return { ok: false, reason: "malformed token" };
      }
      const now = options.nowMs() / 1000;
      if (claims.exp <= now) return { ok: false, reason: "token expired" };
      if (claims.gen !== generation) return { ok: false, reason: "token revoked" };
      return { ok: true, claims };
    },
    revokeAll() {
      generation++;
    },
    minted: () => count,
  };
}
