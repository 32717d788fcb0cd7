import { promisify } from "node:util";
import { gzip, unzip } from "node:zlib";
import kafkajs from "kafkajs";

/**
 * zlib level of the gzip the fetcher's producers use. kafkajs compresses at zlib's default (6);
 * level 1 compresses a page of real contents about twice as fast for about 15 % more bytes
 * (docs/benchmarks.md, Fetcher) — and a full sync gzips every body it reads. Still gzip: readers
 * decompress any level.
 */
export const FETCHER_GZIP_LEVEL = 1;

const compress = promisify(gzip);
const decompress = promisify(unzip);

/** Makes this process's kafkajs gzip at `level` (kafkajs' codec registry is process-wide). */
export function useGzipLevel(level = FETCHER_GZIP_LEVEL): void {
  const codec = {
    compress: (encoder: { buffer: Buffer }) => compress(encoder.buffer, { level }),
    decompress: (buffer: Buffer) => decompress(buffer),
  };
  // a default import: Node's CommonJS interop does not see CompressionCodecs as a named export
  kafkajs.CompressionCodecs[kafkajs.CompressionTypes.GZIP] = () => codec;
}
