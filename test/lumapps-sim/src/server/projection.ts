/**
 * Google-style partial responses (`fields=items(id,title),more,cursor`, `a/b`, `*`), as the v1
 * API's discovery document declares them.
 */
export type Projection = Map<string, Projection | true>;

export class ProjectionError extends Error {
  override name = "ProjectionError";
}

export function parseFields(fields: string): Projection {
  let pos = 0;
  const src = fields.replace(/\s+/g, "");
  const fail = (why: string): never => {
    throw new ProjectionError(`invalid field selection at ${pos}: ${why}`);
  };
  const name = () => {
    const m = /^[A-Za-z0-9_*.$-]+/.exec(src.slice(pos));
    if (!m) fail("a field name is expected");
    pos += m![0].length;
    return m![0];
  };
  const merge = (into: Projection, key: string, value: Projection | true) => {
    const had = into.get(key);
    if (had === true || value === true) into.set(key, true);
    else if (had) for (const [k, v] of value) merge(had, k, v);
    else into.set(key, value);
  };
  const list = (): Projection => {
    const out: Projection = new Map();
    for (;;) {
      const path = [name()];
      while (src[pos] === "/") {
        pos++;
        path.push(name());
      }
      let leaf: Projection | true = true;
      if (src[pos] === "(") {
        pos++;
        leaf = list();
        if (src[pos] !== ")") fail("')' is expected");
        pos++;
      }
      for (let i = path.length - 1; i > 0; i--) leaf = new Map([[path[i]!, leaf]]);
      merge(out, path[0]!, leaf);
      if (src[pos] !== ",") return out;
      pos++;
    }
  };
  if (src === "") fail("empty selection");
  const tree = list();
  if (pos !== src.length) fail("unexpected character");
  return tree;
}

export function project(value: unknown, projection: Projection): unknown {
  if (Array.isArray(value)) return value.map((v) => project(v, projection));
  if (value === null || typeof value !== "object") return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const star = projection.get("*");
  for (const key of Object.keys(source)) {
    const sel = projection.get(key) ?? star;
    if (sel === undefined || source[key] === undefined) continue;
    out[key] = sel === true ? source[key] : project(source[key], sel);
  }
  return out;
}
