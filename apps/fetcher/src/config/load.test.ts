import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@lumasnip/service";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./load.ts";

const dir = mkdtempSync(join(tmpdir(), "fetcher-config-"));
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
};
const lumapps = {
  organizationId: "5649391675244544",
  applicationId: "app",
  authorizedUserId: "5746378759208960",
  cell: "https://go-cell-001.api.lumapps.com",
};
const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("no ConfigError");
};

describe("loadConfig", () => {
  it("reads a file, the secret from a *_FILE and fills the defaults", () => {
    const secretFile = write("secret", "s3cr3t-value\n");
    const file = write("one.json", { sources: [{ sourceId: "acme", lumapps, sites: ["123"] }] });
    const config = loadConfig({ file, env: { LUMAPPS_APPLICATION_SECRET_FILE: secretFile } });
    const source = config.sources[0]!;
    expect(source.connection.applicationSecret.reveal()).toBe("s3cr3t-value");
    expect(source.contentTypes).toEqual([
      { type: "page", action: "PAGE_READ" },
      { type: "news", action: "NEWS_READ" },
    ]);
    expect([source.pollIntervalSeconds, source.emptyAudience, source.massDelete.maxShare]).toEqual([
      60,
      "everyone",
      0.1,
    ]);
    expect(config.topicPrefix).toBe("lumasnip");
  });

  it("reports every problem at once, naming the setting and its variable, never the secret", () => {
    const file = write("bad.json", {
      sources: [
        {
          sourceId: "Acme!",
          lumapps: { ...lumapps, cell: "https://api.lumapps.com", applicationSecret: "inline-secret" },
          contentTypes: [{ type: "page", action: "read" }],
          pollIntervalSeconds: "often",
          colour: "blue",
        },
      ],
    });
    const problems = problemsOf(() => loadConfig({ file, env: {} }));
    expect(problems.join("\n")).not.toContain("inline-secret");
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sources\[0\]\.sourceId: /),
        expect.stringMatching(/^sources\[0\]\.contentTypes\[0\]\.action: a LumApps action/),
        expect.stringMatching(/^sources\[0\]\.pollIntervalSeconds: a number of seconds/),
        expect.stringMatching(/^sources\[0\]: unknown setting "colour"/),
      ]),
    );
  });

  it("refuses a secret in the file and the documentation site as cell", () => {
    const file = write("secret.json", {
      sources: [
        {
          sourceId: "acme",
          lumapps: { ...lumapps, cell: "https://api.lumapps.com", applicationSecret: "x" },
        },
      ],
    });
    const problems = problemsOf(() => loadConfig({ file, env: { LUMAPPS_APPLICATION_SECRET: "from-env" } }));
    expect(problems).toEqual([
      expect.stringMatching(
        /^sources\[0\]\.lumapps\.applicationSecret: secrets do not belong in the config file: set LUMAPPS_ACME_APPLICATION_SECRET/,
      ),
      expect.stringMatching(
        /^sources\[0\]\.lumapps\.cell \(LUMAPPS_CELL or LUMAPPS_ACME_CELL\): .*documentation site/,
      ),
    ]);
  });

  it("takes per-source variables when several sources share a file, and refuses a reused id", () => {
    const file = write("two.json", {
      sources: [
        { sourceId: "acme-eu", lumapps },
        { sourceId: "acme-eu", lumapps },
      ],
    });
    const problems = problemsOf(() => loadConfig({ file, env: { LUMAPPS_ACME_EU_APPLICATION_SECRET: "x" } }));
    expect(problems).toEqual(['sources: source id "acme-eu" is used twice']);
    const missing = problemsOf(() => loadConfig({ file, env: { LUMAPPS_APPLICATION_SECRET: "x" } }));
    expect(missing[0]).toMatch(
      /^sources\[0\]\.lumapps\.applicationSecret \(LUMAPPS_ACME_EU_APPLICATION_SECRET\): required/,
    );
  });

  it("builds one source from the environment alone", () => {
    const config = loadConfig({
      env: {
        FETCHER_SOURCE_ID: "demo",
        LUMAPPS_ORGANIZATION_ID: "1",
        LUMAPPS_APPLICATION_ID: "app",
        LUMAPPS_APPLICATION_SECRET: "x",
        LUMAPPS_AUTHORIZED_USER_ID: "2",
        LUMAPPS_CELL: "http://127.0.0.1:4000",
        FETCHER_SITES: "s1,s2",
        FETCHER_CONTENT_TYPES: "page:PAGE_READ,custom:CUSTOM_CONTENT_READ:ct1",
        FETCHER_LANGUAGES: "en,jp",
        FETCHER_POLL_INTERVAL_SECONDS: "5",
        LUMASNIP_TOPIC_PREFIX: "test-x",
      },
    });
    expect(config.topicPrefix).toBe("test-x");
    expect(config.sources[0]).toMatchObject({
      sourceId: "demo",
      sites: ["s1", "s2"],
      contentTypes: [
        { type: "page", action: "PAGE_READ" },
        { type: "custom", action: "CUSTOM_CONTENT_READ", customContentType: "ct1" },
      ],
      languages: ["en", "ja"],
      pollIntervalSeconds: 5,
    });
  });

  it("says what to give when there is no configuration at all", () => {
    expect(problemsOf(() => loadConfig({ env: {} }))[0]).toMatch(/no configuration: give a config file/);
  });

  it("names the variable of a bad env value", () => {
    const problems = problemsOf(() =>
      loadConfig({
        env: {
          FETCHER_SOURCE_ID: "demo",
          FETCHER_POLL_INTERVAL_SECONDS: "soon",
          LUMAPPS_ORGANIZATION_ID: "1",
          LUMAPPS_APPLICATION_ID: "a",
          LUMAPPS_APPLICATION_SECRET: "x",
          LUMAPPS_AUTHORIZED_USER_ID: "2",
          LUMAPPS_CELL: "http://127.0.0.1:1",
        },
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^sources\[0\]\.pollIntervalSeconds \(FETCHER_POLL_INTERVAL_SECONDS\): a number of seconds/,
      ),
    ]);
  });

  // found by the break-it review: Node runs a timer longer than 2^31-1 ms after 1 ms
  it("refuses waits longer than a Node timer can hold, which would poll or time out at once", () => {
    const file = write("long-waits.json", {
      sources: [
        {
          sourceId: "acme",
          lumapps,
          pollIntervalSeconds: 3_000_000,
          requestTimeoutSeconds: 3_000_000,
          requestsPerSecond: 1e-9,
        },
      ],
    });
    const problems = problemsOf(() => loadConfig({ file, env: { LUMAPPS_APPLICATION_SECRET: "s" } }));
    expect(problems).toEqual([
      expect.stringMatching(/^sources\[0\]\.pollIntervalSeconds.*at most 2147483 seconds/),
      expect.stringMatching(/^sources\[0\]\.requestTimeoutSeconds.*at most 2147483 seconds/),
      expect.stringMatching(/^sources\[0\]\.requestsPerSecond.*0 \(unlimited\) or at least 0\.001/),
    ]);
    const fine = write("month.json", {
      sources: [{ sourceId: "acme", lumapps, pollIntervalSeconds: 2_000_000, requestsPerSecond: 0.001 }],
    });
    expect(
      loadConfig({ file: fine, env: { LUMAPPS_APPLICATION_SECRET: "s" } }).sources[0]!.pollIntervalSeconds,
    ).toBe(2_000_000);
  });

  it("reads the documented example file", () => {
    const example = new URL("../../fetcher.example.json", import.meta.url).pathname;
    const config = loadConfig({
      file: example,
      env: { LUMAPPS_ACME_APPLICATION_SECRET: "x", LUMAPPS_ACME_LAB_APPLICATION_SECRET: "y" },
    });
    expect(config.sources.map((s) => s.sourceId)).toEqual(["acme", "acme-lab"]);
  });
});
