import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "@lumasnip/testkit";
import { describe, expect, it } from "vitest";
import { VarsSchema } from "../../../apps/edge/src/vars.ts";
import {
  GLOBAL_ENV,
  LUMAPPS_SETTINGS,
  lumappsEnvName,
  SOURCE_ENV,
} from "../../../apps/fetcher/src/config/env-names.ts";
import { STAGE_ENV } from "../../../apps/snippetizer/src/config.ts";
import { PUBLISHER_ENV } from "../../../apps/snippetizer/src/publisher/config.ts";

// docs/configuration.md promises every setting in one place: this keeps the promise true.
describe("docs/configuration.md", () => {
  const doc = readFileSync(resolve(repoRoot, "docs/configuration.md"), "utf8");

  it("names every environment variable the apps read", () => {
    const names = [
      ...Object.values(GLOBAL_ENV),
      ...Object.values(SOURCE_ENV).map((s) => s.env),
      ...LUMAPPS_SETTINGS.map((s) => lumappsEnvName(s)),
      ...Object.values(STAGE_ENV),
      ...Object.values(PUBLISHER_ENV),
      ...Object.keys(VarsSchema.shape),
      "KAFKA_BROKERS",
      "KAFKA_SSL",
      "KAFKA_SASL_MECHANISM",
      "KAFKA_SASL_USERNAME",
      "KAFKA_SASL_PASSWORD",
      "LOG_LEVEL",
    ];
    const missing = [...new Set(names)].filter(
      (n) => !doc.includes(`\`${n}\``) && !doc.includes(`${n} `) && !doc.includes(`\`${n}/`),
    );
    expect(missing).toEqual([]);
  });
});
