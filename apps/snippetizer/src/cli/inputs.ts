import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join, relative } from "node:path";

/** One thing to snippetize: an HTML page (with what a sidecar or the path says about it) or JSON. */
export interface Input {
  name: string;
  kind: "html" | "json";
  text: string;
  /** from a `<name>.json` sidecar beside an HTML file (title, url, language) */
  meta?: { title?: string; url?: string; lang?: string };
  /** the path relative to the folder given, for content ids */
  relative: string;
}

const HTML = new Set([".html", ".htm", ".xhtml"]);

/**
 * Expands the paths given into inputs: files as they are, folders recursively in name order
 * (HTML files, and JSON files that are not the sidecar of an HTML file), "-" as stdin.
 */
export function* inputsOf(paths: string[], readStdin: () => string): Generator<Input> {
  for (const path of paths) {
    if (path === "-") {
      yield fromText("stdin", readStdin());
      continue;
    }
    if (!existsSync(path)) throw new Error(`${path}: no such file or folder`);
    if (statSync(path).isDirectory()) yield* folder(path, path);
    else yield file(path, basename(path));
  }
}

export function fromText(name: string, text: string): Input {
  const t = text.trimStart();
  return { name, kind: t.startsWith("{") || t.startsWith("[") ? "json" : "html", text, relative: name };
}

function file(path: string, rel: string): Input {
  const text = readFileSync(path, "utf8");
  const ext = extname(path).toLowerCase();
  if (ext === ".json") return { name: path, kind: "json", text, relative: rel };
  const input: Input = {
    name: path,
    kind: HTML.has(ext) ? "html" : fromText(path, text).kind,
    text,
    relative: rel,
  };
  const sidecar = path.slice(0, path.length - ext.length) + ".json";
  if (input.kind === "html" && existsSync(sidecar)) input.meta = readSidecar(sidecar);
  return input;
}

function* folder(root: string, dir: string): Generator<Input> {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const htmlStems = new Set(
    entries.filter((e) => HTML.has(extname(e.name).toLowerCase())).map((e) => stem(e.name)),
  );
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      yield* folder(root, path);
      continue;
    }
    const ext = extname(e.name).toLowerCase();
    if (HTML.has(ext)) yield file(path, relative(root, path));
    else if (ext === ".json" && !htmlStems.has(stem(e.name))) yield file(path, relative(root, path));
  }
}

function stem(name: string): string {
  return name.slice(0, name.length - extname(name).length);
}

function readSidecar(path: string): Input["meta"] {
  try {
    const j = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
    const meta: NonNullable<Input["meta"]> = {};
    const title = str(j.title);
    const url = str(j.url);
    const lang = str(j.language) ?? str(j.lang);
    if (title) meta.title = title;
    if (url) meta.url = url;
    if (lang) meta.lang = lang;
    return meta;
  } catch {
    return undefined;
  }
}
