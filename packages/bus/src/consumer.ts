import { formatZodError } from "@lumasnip/schema";
import type { KafkaMessage } from "kafkajs";
import type { z } from "zod";

export type Decoded<T> =
  | { ok: true; key: string; value: T }
  | { ok: false; key: string | undefined; error: string; payload: string | undefined };

/** Decodes and validates one JSON message; a bad one becomes a reason fit for the DLQ. */
export function decodeMessage<S extends z.ZodType>(schema: S, message: KafkaMessage): Decoded<z.output<S>> {
  const key = message.key?.toString();
  const text = message.value?.toString();
  if (!key)
    return { ok: false, key, error: "message has no key (expected <sourceId>:<contentId>)", payload: text };
  if (text === undefined)
    return {
      ok: false,
      key,
      error: "message has no value (a bare tombstone is not an event)",
      payload: text,
    };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      key,
      error: `value is not JSON: ${(e as Error).message}`,
      payload: text.slice(0, 4096),
    };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = formatZodError(parsed.error);
    return {
      ok: false,
      key,
      error: `value does not match the schema: ${issues}`,
      payload: text.slice(0, 4096),
    };
  }
  return { ok: true, key, value: parsed.data };
}
