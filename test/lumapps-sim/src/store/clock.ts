/** The simulator's clock: real time plus an offset tests can advance (token expiry, endDate). */
export interface Clock {
  nowMs(): number;
  advance(ms: number): void;
  /** a v1 timestamp strictly later than any this clock handed out before */
  stamp(): string;
}

export function createClock(): Clock {
  let offset = 0;
  let lastMicros = 0;
  return {
    nowMs: () => Date.now() + offset,
    advance(ms) {
      offset += ms;
    },
    stamp() {
      // microseconds so two edits in one millisecond still order by updatedAt
      let micros = (Date.now() + offset) * 1000;
      if (micros <= lastMicros) micros = lastMicros + 1;
      lastMicros = micros;
      return formatV1(micros);
    },
  };
}

/** v1 timestamps have no zone and six fractional digits (`2019-03-12T11:50:58.856571`); UTC. */
export function formatV1(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString(); // 2019-03-12T11:50:58.856Z
  const frac = String(Math.floor(micros % 1_000_000)).padStart(6, "0");
  return `${iso.slice(0, 19)}.${frac}`;
}

export function v1FromDate(date: Date | number): string {
  const ms = typeof date === "number" ? date : date.getTime();
  return formatV1(ms * 1000);
}

/** Parses a v1 (zone-less, UTC) or zoned timestamp to epoch ms. */
export function parseV1(value: string): number {
  const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(value);
  return Date.parse(zoned ? value : `${value.slice(0, 23)}Z`);
}
