/**
 * LumApps timestamps in one comparable form. v1 ones have no zone (`2019-03-12T11:50:58.856571`,
 * UTC) and microseconds; v2 ones carry an offset. Everything becomes UTC with six fractional
 * digits and a `Z`, so a plain string comparison orders them and no microsecond is lost (two
 * edits in one millisecond still order by `updatedAt`).
 */
const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$/;

export type Timestamp = string;

/** The normalized form, or undefined when `raw` is not a date LumApps could have written. */
export function toTimestamp(raw: unknown): Timestamp | undefined {
  if (typeof raw !== "string") return undefined;
  return v1Timestamp(raw) ?? parseTimestamp(raw);
}

const daysIn = (y: number, m: number) =>
  m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : m === 4 || m === 6 || m === 9 || m === 11
      ? 30
      : 31;

/**
 * The shape v1 writes every timestamp in (`2019-03-12T11:50:58.856571`, UTC) is already the
 * normalized form but for the `Z`: checked character by character, it skips the regex and the
 * Date round trip of the general parser (several timestamps per listed item).
 */
function v1Timestamp(raw: string): Timestamp | undefined {
  if (raw.length !== 26 || raw[4] !== "-" || raw[7] !== "-" || raw[10] !== "T") return undefined;
  if (raw[13] !== ":" || raw[16] !== ":" || raw[19] !== ".") return undefined;
  // two digits at i as a number, or NaN
  const two = (i: number) => {
    const a = raw.charCodeAt(i) - 48;
    const b = raw.charCodeAt(i + 1) - 48;
    return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
  };
  const y = two(0) * 100 + two(2);
  const mo = two(5);
  const d = two(8);
  for (let i = 20; i < 26; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  // NaN fails every comparison below; years before 1000 go the general way (Date.UTC reads 0-99 as 1900-1999)
  if (!(y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo))) return undefined;
  if (!(two(11) <= 23 && two(14) <= 59 && two(17) <= 59)) return undefined;
  return `${raw}Z`;
}

function parseTimestamp(raw: string): Timestamp | undefined {
  const m = PATTERN.exec(raw.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone] = m;
  const offsetMin = parseOffset(zone);
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(ms);
  // Date.UTC rolls 2024-02-31 over to March: reject instead of inventing a day
  if (Number.isNaN(ms) || check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1)
    return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const utc = new Date(ms - offsetMin * 60_000).toISOString().slice(0, 19);
  return `${utc}.${frac.padEnd(6, "0").slice(0, 6)}Z`;
}

function parseOffset(zone: string | undefined): number {
  if (!zone || zone === "Z" || zone === "z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** Epoch milliseconds of a normalized timestamp. */
export function timestampMs(ts: Timestamp): number {
  return Date.parse(`${ts.slice(0, 23)}Z`);
}

/** The normalized timestamp of an epoch-ms instant. */
export function timestampOf(ms: number): Timestamp {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

/** `ts` moved back by `ms` (the poll's overlap below the watermark). */
export function minusMs(ts: Timestamp, ms: number): Timestamp {
  const micros = ts.slice(23, 26);
  return `${new Date(timestampMs(ts) - ms).toISOString().slice(0, 23)}${micros}Z`;
}

export function maxTimestamp(a: Timestamp | undefined, b: Timestamp | undefined): Timestamp | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

export function minTimestamp(a: Timestamp | undefined, b: Timestamp | undefined): Timestamp | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a <= b ? a : b;
}
