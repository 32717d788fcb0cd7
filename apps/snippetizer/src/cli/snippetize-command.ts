import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CONTENT_ID_PATTERN, type ContentUpserted, SOURCE_ID_PATTERN, toBcp47 } from "@lumasnip/schema";
import {
  createSnippetizer,
  htmlContent,
  type Snippetizer,
  SnippetizeSettingsError,
} from "@lumasnip/snippetize";
import { settingsFrom } from "../config.ts";
import type { CliArgs } from "./args.ts";
import { UsageError } from "./args.ts";
import { type Input, inputsOf } from "./inputs.ts";
import { eventsFromJson } from "./lumapps-json.ts";

export interface SnippetizeIo {
  env: NodeJS.ProcessEnv;
  /** one JSON line; resolves when the line is written (back-pressure) */
  writeLine: (line: string) => Promise<void>;
  stderr: (text: string) => void;
  readStdin: () => string;
  stdinIsTty: boolean;
}

/**
 * `snippetize`: HTML files, folders or LumApps content JSON to snippets as JSON lines, for tuning
 * settings and looking at a page that snippetizes badly. One bad input is reported on stderr and
 * the others still run; the exit code says whether any failed.
 */
export async function runSnippetizeCommand(args: CliArgs, io: SnippetizeIo): Promise<number> {
  if (!SOURCE_ID_PATTERN.test(args.source))
    throw new UsageError(`--source "${args.source}" is not a source id (a-z, 0-9, -)`);
  const base = settingsFrom(args.settingsFile ? {} : io.env, args.settingsFile);
  const overrides = { ...args.overrides };
  // a smaller --max-tokens alone brings the minimum down with it, as the settings require
  if (typeof overrides.maxTokens === "number" && overrides.minTokens === undefined) {
    overrides.minTokens = Math.min(base.minTokens, Math.floor(overrides.maxTokens * 0.3));
  }
  let sn: Snippetizer;
  try {
    sn = createSnippetizer({ ...base, ...overrides });
  } catch (error) {
    if (error instanceof SnippetizeSettingsError) throw new UsageError(error.message);
    throw error;
  }
  const paths = args.paths.length > 0 ? args.paths : io.stdinIsTty ? [] : ["-"];
  if (paths.length === 0) throw new UsageError("snippetize needs a file, a folder, or input on stdin");
  let failed = 0;
  for (const input of inputsOf(paths, io.readStdin)) {
    try {
      const n = await snippetizeInput(input, args, sn, io);
      if (args.stats)
        io.stderr(
          `${input.name}: ${n.sets} content(s), ${n.snippets} snippet(s)${n.skipped ? `, ${n.skipped} skipped` : ""}`,
        );
    } catch (error) {
      failed++;
      io.stderr(`${input.name}: ${(error as Error).message}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

async function snippetizeInput(input: Input, args: CliArgs, sn: Snippetizer, io: SnippetizeIo) {
  let events: Pick<ContentUpserted, "key" | "content">[];
  let skipped = 0;
  if (input.kind === "json") {
    const got = eventsFromJson(input.text, args.source);
    for (const s of got.skipped) io.stderr(`${input.name}: skipped ${s}`);
    events = got.events;
    skipped = got.skipped.length;
  } else {
    const lang = args.lang ?? (input.meta?.lang && toBcp47(input.meta.lang)) ?? langOf(input);
    const url =
      args.url ?? input.meta?.url ?? (input.name === "stdin" ? "" : pathToFileURL(resolve(input.name)).href);
    events = [
      htmlContent(input.text, {
        sourceId: args.source,
        contentId: contentIdOf(input.relative),
        lang,
        url,
        ...(input.meta?.title ? { title: input.meta.title } : {}),
      }),
    ];
  }
  let snippets = 0;
  for (const event of events) {
    const set = await sn.snippetize(event);
    if (args.format === "sets") await io.writeLine(JSON.stringify(set));
    for (const l of set.languages) {
      snippets += l.snippets.length;
      if (args.format === "snippets") for (const s of l.snippets) await io.writeLine(JSON.stringify(s));
    }
  }
  return { sets: events.length, snippets, skipped };
}

/** `<html lang>`, then a language in the path (`/ja-JP/`, `.zh-cn.html`), then English. */
export function langOf(input: Pick<Input, "text" | "name">): string {
  const declared = /<html[^>]*\slang=["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)/i.exec(
    input.text.slice(0, 4096),
  )?.[1];
  if (declared && toBcp47(declared)) return toBcp47(declared)!;
  for (const part of input.name.split(/[/\\.]/).reverse()) {
    if (/^[a-z]{2}([-_][a-zA-Z]{2})?$/.test(part) && !["md", "js", "py", "sh"].includes(part)) {
      const lang = toBcp47(part);
      if (lang) return lang;
    }
  }
  return "en";
}

/** A content id from a file's relative path: kept readable when it fits the pattern, hashed otherwise. */
export function contentIdOf(relative: string): string {
  const id = relative
    .replace(/\.[a-z]+$/i, "")
    .replace(/[^A-Za-z0-9_-]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (id !== "" && CONTENT_ID_PATTERN.test(id)) return id;
  return createHash("sha256").update(relative).digest("hex").slice(0, 32);
}
