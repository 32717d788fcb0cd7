import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export interface Metrics {
  registry: Registry;
  counter<L extends string>(name: string, help: string, labelNames?: readonly L[]): Counter<L>;
  gauge<L extends string>(name: string, help: string, labelNames?: readonly L[]): Gauge<L>;
  histogram<L extends string>(
    name: string,
    help: string,
    labelNames?: readonly L[],
    buckets?: number[],
  ): Histogram<L>;
}

/** A registry per process with the Node defaults and a `lumasnip_` prefix on every metric. */
export function createMetrics(service: string, { defaults = true } = {}): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (defaults) collectDefaultMetrics({ register: registry, prefix: "lumasnip_" });
  const full = (name: string) => (name.startsWith("lumasnip_") ? name : `lumasnip_${name}`);
  return {
    registry,
    counter: (name, help, labelNames = []) =>
      new Counter({ name: full(name), help, labelNames: [...labelNames], registers: [registry] }),
    gauge: (name, help, labelNames = []) =>
      new Gauge({ name: full(name), help, labelNames: [...labelNames], registers: [registry] }),
    histogram: (name, help, labelNames = [], buckets) =>
      new Histogram({
        name: full(name),
        help,
        labelNames: [...labelNames],
        registers: [registry],
        ...(buckets ? { buckets } : {}),
      }),
  };
}
