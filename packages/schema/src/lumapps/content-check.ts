import type { LumAppsContent } from "./content.ts";

/** One problem found in a value, as zod reports it (so callers handle both alike). */
export interface ShapeIssue {
  path: PropertyKey[];
  message: string;
}

/** What the LumApps client needs of a schema: zod schemas and the hand-written checks below both fit. */
export interface ShapeParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: ShapeIssue[] } };
}

type Path = PropertyKey[];
type Issues = ShapeIssue[];

const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const nullish = (v: unknown) => v === undefined || v === null;
const fail = (issues: Issues, path: Path, expected: string, v: unknown) =>
  issues.push({ path, message: `Invalid input: expected ${expected}, received ${kind(v)}` });

function optString(o: Record<string, unknown>, key: string, path: Path, issues: Issues) {
  const v = o[key];
  if (!nullish(v) && typeof v !== "string") fail(issues, [...path, key], "string", v);
}

function optBoolean(o: Record<string, unknown>, key: string, path: Path, issues: Issues) {
  const v = o[key];
  if (!nullish(v) && typeof v !== "boolean") fail(issues, [...path, key], "boolean", v);
}

function optStringArray(o: Record<string, unknown>, key: string, path: Path, issues: Issues) {
  const v = o[key];
  if (nullish(v)) return;
  if (!Array.isArray(v)) return fail(issues, [...path, key], "array", v);
  for (let i = 0; i < v.length; i++)
    if (typeof v[i] !== "string") fail(issues, [...path, key, i], "string", v[i]);
}

/** `LumAppsLocalizedTextSchema`: a string, or a map of strings and nulls. */
function optLocalized(o: Record<string, unknown>, key: string, path: Path, issues: Issues) {
  const v = o[key];
  if (nullish(v) || typeof v === "string") return;
  if (!isObject(v)) return fail(issues, [...path, key], "string or language map", v);
  for (const lang in v) {
    const text = v[lang];
    if (text !== null && typeof text !== "string") fail(issues, [...path, key, lang], "string or null", text);
  }
}

/** `LumAppsIdSchema` (a number becomes its digits); undefined when invalid. */
function readId(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : undefined;
}

/** `LumAppsVersionSchema` (a digit string becomes a number); undefined when invalid. */
function readVersion(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  return typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined;
}

const PERSON_FIELDS = ["id", "uid", "email", "firstName", "lastName", "fullName"] as const;
const CONTENT_STRINGS = [
  "type",
  "customContentType",
  "instance",
  "customer",
  "status",
  "url",
  "author",
  "authorId",
  "createdAt",
  "updatedAt",
  "publicationDate",
  "startDate",
  "endDate",
] as const;
const CONTENT_LOCALIZED = ["title", "slug", "excerpt", "canonicalUrl", "link"] as const;

function checkPerson(o: Record<string, unknown>, key: string, path: Path, issues: Issues) {
  const v = o[key];
  if (nullish(v)) return;
  if (!isObject(v)) return fail(issues, [...path, key], "object", v);
  for (const f of PERSON_FIELDS) optString(v, f, [...path, key], issues);
}

/** One template node (`LumAppsTemplateComponentSchema`), its rows and cells below it. */
function checkComponent(node: unknown, path: Path, issues: Issues, depth: number) {
  if (!isObject(node)) return fail(issues, path, "object", node);
  optString(node, "type", path, issues);
  optString(node, "widgetType", path, issues);
  optString(node, "uuid", path, issues);
  // a widget's feedKeys narrows who may read it: anything but a list of ids fails closed
  optStringArray(node, "feedKeys", path, issues);
  optLocalized(node, "title", path, issues);
  const props = node.properties;
  if (!nullish(props) && !isObject(props)) fail(issues, [...path, "properties"], "object", props);
  checkComponents(node, "cells", path, issues, depth);
  checkComponents(node, "components", path, issues, depth);
}

function checkComponents(o: Record<string, unknown>, key: string, path: Path, issues: Issues, depth: number) {
  const v = o[key];
  if (nullish(v)) return;
  if (!Array.isArray(v)) return fail(issues, [...path, key], "array", v);
  // JSON.parse cannot build a cycle, but a very deep tree would overflow the stack
  if (depth > 200) return void issues.push({ path: [...path, key], message: "template nested too deep" });
  for (let i = 0; i < v.length; i++) checkComponent(v[i], [...path, key, i], issues, depth + 1);
}

/** `LumAppsTemplateSchema`. */
export function checkTemplate(v: unknown, path: Path, issues: Issues): void {
  if (!isObject(v)) return void fail(issues, path, "object", v);
  optString(v, "id", path, issues);
  optBoolean(v, "basicMode", path, issues);
  checkComponents(v, "components", path, issues, 0);
}

/**
 * Accepts what `LumAppsContentSchema` accepts and gives the same value, without the
 * copy zod makes of every object of the template: it checks the item where it lies and returns
 * it (a shallow copy only when a numeric id or a digit-string version must be converted); a
 * template nested over 200 rows deep is refused rather than overflowing the stack. A
 * listing page of real contents is megabytes of template; parsing it with the recursive zod
 * schema was the client's largest cost per page (docs/benchmarks.md, Fetcher).
 */
export const lumAppsContentParser: ShapeParser<LumAppsContent> = {
  safeParse(value) {
    const issues: Issues = [];
    if (!isObject(value)) {
      fail(issues, [], "object", value);
      return { success: false, error: { issues } };
    }
    const id = readId(value.id);
    if (id === undefined) fail(issues, ["id"], "string or number", value.id);
    const uid = nullish(value.uid) ? value.uid : readId(value.uid);
    if (uid === undefined && !nullish(value.uid)) fail(issues, ["uid"], "string or number", value.uid);
    const version = nullish(value.version) ? value.version : readVersion(value.version);
    if (version === undefined && !nullish(value.version))
      fail(issues, ["version"], "number or digit string", value.version);
    for (const f of CONTENT_STRINGS) optString(value, f, [], issues);
    for (const f of CONTENT_LOCALIZED) optLocalized(value, f, [], issues);
    optStringArray(value, "feedKeys", [], issues);
    optStringArray(value, "metadata", [], issues);
    optBoolean(value, "public", [], issues);
    for (const f of ["tags", "tagsDetails"])
      if (!nullish(value[f]) && !Array.isArray(value[f])) fail(issues, [f], "array", value[f]);
    for (const f of ["authorDetails", "writerDetails", "updatedByDetails"]) checkPerson(value, f, [], issues);
    const revision = checkRevision(value.lastRevision, issues);
    if (!nullish(value.template)) checkTemplate(value.template, ["template"], issues);
    if (issues.length > 0) return { success: false, error: { issues } };

    let data = value;
    if (
      id !== value.id ||
      uid !== value.uid ||
      version !== value.version ||
      revision !== value.lastRevision
    ) {
      data = { ...value, id };
      if (uid !== value.uid) data.uid = uid;
      if (version !== value.version) data.version = version;
      if (revision !== value.lastRevision) data.lastRevision = revision;
    }
    return { success: true, data: data as LumAppsContent };
  },
};

/** `LumAppsRevisionSchema`; returns the revision (a copy when its version was a digit string). */
function checkRevision(v: unknown, issues: Issues): unknown {
  if (nullish(v)) return v;
  if (!isObject(v)) {
    fail(issues, ["lastRevision"], "object", v);
    return v;
  }
  optString(v, "status", ["lastRevision"], issues);
  optString(v, "updatedAt", ["lastRevision"], issues);
  if (nullish(v.version)) return v;
  const version = readVersion(v.version);
  if (version === undefined) fail(issues, ["lastRevision", "version"], "number or digit string", v.version);
  return version === v.version || version === undefined ? v : { ...v, version };
}
