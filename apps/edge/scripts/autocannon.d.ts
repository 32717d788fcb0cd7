// autocannon ships no types; the few fields the benchmark reads
declare module "autocannon" {
  interface Stats {
    average: number;
    mean: number;
    p50: number;
    p99: number;
  }
  export interface Result {
    requests: Stats & { total: number };
    latency: Stats;
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    requests?: {
      method?: string;
      path?: string;
      setupRequest?: (req: { path?: string }) => { path?: string };
    }[];
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
