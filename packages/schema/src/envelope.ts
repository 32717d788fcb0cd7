import { z } from "zod";
import { SourceIdSchema } from "./identities.ts";

/** Version of every event and KV value shape. Within a version only additive changes are allowed. */
export const SCHEMA_VERSION = 1 as const;

export const IsoDateSchema = z.iso.datetime({ offset: true });

/** Fields every event carries. */
export const envelopeFields = {
  schemaVersion: z.literal(SCHEMA_VERSION),
  sourceId: SourceIdSchema,
  producedAt: IsoDateSchema,
};
