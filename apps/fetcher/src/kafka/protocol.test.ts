import { describe, expect, it } from "vitest";
import { pack, unpack } from "./protocol.ts";

describe("records packed for the Kafka thread", () => {
  it("come back as they went, tombstones and empty values included, from one transferable buffer", () => {
    const records = [
      { key: "a", value: Buffer.from('{"x":1}') },
      { key: "b", value: null },
      { key: "c", value: Buffer.alloc(0) },
      { key: "d", value: Buffer.from("é".repeat(3000)), headers: { h: "1" } },
    ];
    const packed = pack(records);
    expect(packed.data.byteOffset).toBe(0);
    expect(packed.data.buffer.byteLength).toBe(packed.data.byteLength);
    const copy = structuredClone(packed, { transfer: [packed.data.buffer as ArrayBuffer] });
    expect(packed.data.byteLength).toBe(0);
    const out = unpack(copy);
    expect(out.map((r) => r.key)).toEqual(["a", "b", "c", "d"]);
    expect(out.map((r) => r.value?.toString() ?? null)).toEqual(['{"x":1}', null, "", "é".repeat(3000)]);
    expect(out[3]!.headers).toEqual({ h: "1" });
    expect(out[0]!.headers).toBeUndefined();
  });
});
