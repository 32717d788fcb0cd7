import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { published } from "../scripts/export-json-schema.ts";

const pkg = resolve(fileURLToPath(new URL("..", import.meta.url)));
const script = join(pkg, "scripts/export-json-schema.ts");
const dirs: string[] = [];

function copyOfSchemas(): string {
  const dir = mkdtempSync(join(tmpdir(), "lumasnip-schemas-"));
  dirs.push(dir);
  cpSync(join(pkg, "schemas"), dir, { recursive: true });
  return dir;
}

function check(dir: string) {
  const run = spawnSync(process.execPath, [script, "--check", `--out=${dir}`], { encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr };
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("the JSON Schema export", () => {
  it("has checked in exactly the files it generates", () => {
    expect(readdirSync(join(pkg, "schemas")).sort()).toEqual(Object.keys(published).sort());
  });

  it("passes --check on the checked-in files", () => {
    expect(check(copyOfSchemas())).toMatchObject({ status: 0 });
  });

  it("fails --check naming a stale, a missing and a left-over file", () => {
    const dir = copyOfSchemas();
    const stale = join(dir, "snippet-event.v1.json");
    writeFileSync(stale, readFileSync(stale, "utf8").replace('"snippets.deleted"', '"snippets.removed"'));
    rmSync(join(dir, "manifest.v1.json"));
    writeFileSync(join(dir, "old-shape.v1.json"), "{}\n");
    const { status, output } = check(dir);
    expect(status).toBe(1);
    expect(output).toContain("snippet-event.v1.json (stale)");
    expect(output).toContain("manifest.v1.json (missing)");
    expect(output).toContain("old-shape.v1.json (no longer generated)");
  });

  it("regenerates what --check found stale", () => {
    const dir = copyOfSchemas();
    rmSync(join(dir, "dlq-record.v1.json"));
    writeFileSync(join(dir, "old-shape.v1.json"), "{}\n");
    expect(spawnSync(process.execPath, [script, `--out=${dir}`]).status).toBe(0);
    expect(check(dir)).toMatchObject({ status: 0 });
  });

  it("publishes events as an if/then dispatch on kind, with each kind a named definition", () => {
    const json = JSON.parse(readFileSync(join(pkg, "schemas/snippet-event.v1.json"), "utf8"));
    expect(json.properties.kind.enum).toEqual(["snippets.upserted", "snippets.deleted"]);
    expect(json.allOf.map((b: { then: { $ref: string } }) => b.then.$ref)).toEqual([
      "#/$defs/SnippetsUpserted",
      "#/$defs/SnippetsDeleted",
    ]);
    // additive fields must not break validating consumers
    expect(JSON.stringify(json)).not.toContain('"additionalProperties":false');
  });
});
