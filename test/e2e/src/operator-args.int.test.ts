import { testBrokers, uniqueName } from "@lumasnip/testkit";
import { describe, expect, it } from "vitest";
import { runScript } from "./support/scripts.ts";

// `pnpm dlq` and `pnpm reprocess` given bad arguments or a bad environment: a one-line message
// and exit 2 (usage) or 1 (Kafka said no), never a stack trace (found by the break-it review)
describe("the operator scripts with bad arguments", () => {
  const env = () => ({ KAFKA_BROKERS: testBrokers().join(","), LUMASNIP_TOPIC_PREFIX: uniqueName("args") });
  const noStack = (stderr: string) => {
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toMatch(/TypeError|KafkaJS\w*Error\n/);
  };

  it("reprocess refuses a stage named like an Object property (--stage constructor, toString)", async () => {
    for (const stage of ["constructor", "toString", "__proto__"]) {
      const r = await runScript("reprocess.ts", ["--stage", stage], env());
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/--stage snippetizer or --stage publisher/);
      noStack(r.stderr);
    }
  });

  it("dlq refuses a positional it does not know", async () => {
    const r = await runScript("dlq.ts", ["list", "extra"], env());
    expect(r.code, r.stderr).toBe(2);
    noStack(r.stderr);
  });

  it("dlq and reprocess say KAFKA_BROKERS is malformed, exit 2", async () => {
    for (const [script, args] of [
      ["dlq.ts", ["list"]],
      ["reprocess.ts", ["--stage", "snippetizer"]],
    ] as const) {
      const r = await runScript(script, [...args], { ...env(), KAFKA_BROKERS: "localhost" });
      expect(r.code, `${script}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/KAFKA_BROKERS/);
      noStack(r.stderr);
    }
  });

  it("dlq list names the missing topic (a wrong LUMASNIP_TOPIC_PREFIX) in one line, exit 1", async () => {
    const r = await runScript("dlq.ts", ["list"], env());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/\.dlq\.v1/);
    noStack(r.stderr);
  });
}, 120_000);
