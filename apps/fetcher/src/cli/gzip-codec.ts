import { promisify } from "node:util";
import { gzip, gzipSync, unzip } from "node:zlib";
import kafkajs from "kafkajs";

/**
 * zlib level of the gzip the fetcher's event producer uses. kafkajs compresses at zlib's
 * default (6); level 1 compresses a page of real contents about twice as fast for about 15 %
 * more bytes (docs/benchmarks.md, Fetcher) — and a full sync gzips every body it reads. Still
 * gzip: readers decompress any level.
 */
export const FETCHER_GZIP_LEVEL = 1;

/**
 * Below this a batch is compressed on the calling thread (the fetcher's Kafka thread): zlib's
 * asynchronous path hands every 16 KB chunk to the libuv pool, and on a busy host those hops cost
 * more than compressing a small batch outright. Larger batches use the pool's threads in parallel.
 */
export const SYNC_GZIP_BELOW_BYTES = 1024 * 1024;

const compressAsync = promisify(gzip);
const decompress = promisify(unzip);

/** Makes this thread's kafkajs gzip at `level` (kafkajs' codec registry is per thread). */
export function useGzipLevel(level = FETCHER_GZIP_LEVEL): void {
  const codec = {
    compress: async (encoder: { buffer: Buffer }) =>
      encoder.buffer.length < SYNC_GZIP_BELOW_BYTES
        ? gzipSync(encoder.buffer, { level })
        : compressAsync(encoder.buffer, { level }),
    decompress: (buffer: Buffer) => decompress(buffer),
  };
  // a default import: Node's CommonJS interop does not see CompressionCodecs as a named export
  kafkajs.CompressionCodecs[kafkajs.CompressionTypes.GZIP] = () => codec;
}
