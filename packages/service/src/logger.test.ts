import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, destination };
}

describe("createLogger", () => {
  it("writes JSON lines with the service name and a string level", () => {
    const { lines, destination } = capture();
    createLogger({ name: "t", level: "info", destination }).info({ n: 1 }, "poll done");
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ service: "t", level: "info", msg: "poll done", n: 1 });
  });

  it("never writes a secret, token or authorization header", () => {
    const { lines, destination } = capture();
    createLogger({ name: "t", level: "info", destination }).info(
      {
        source: { applicationSecret: "s3cr3t-value" },
        headers: { authorization: "Bearer tok-value" },
        token: "tok2",
      },
      "request",
    );
    expect(lines.join("")).not.toMatch(/s3cr3t-value|tok-value|tok2/);
    expect(lines.join("")).toContain("[redacted]");
  });
});
