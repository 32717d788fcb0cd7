import { gunzipSync, gzipSync } from "node:zlib";
import kafkajs from "kafkajs";
import { describe, expect, it } from "vitest";
import { FETCHER_GZIP_LEVEL, useGzipLevel } from "./gzip-codec.ts";

describe("the fetcher's gzip codec", () => {
  it("makes kafkajs write gzip any reader can open, at the fetcher's level", async () => {
    useGzipLevel();
    const codec = kafkajs.CompressionCodecs[kafkajs.CompressionTypes.GZIP]();
    const body = Buffer.from(JSON.stringify({ html: "<p>All work and no play. </p>".repeat(2000) }));
    const packed: Buffer = await codec.compress({ buffer: body });
    expect(gunzipSync(packed)).toEqual(body);
    expect(packed.length).toBe(gzipSync(body, { level: FETCHER_GZIP_LEVEL }).length);
    expect(await codec.decompress(packed)).toEqual(body);
  });
});
