import { z } from "zod";

/** Just enough of a Google discovery document (`reference/lumapps_discovery.json`) to check requests against it. */
const DiscoveryParameterSchema = z.looseObject({
  type: z.string().nullish(),
  location: z.string().nullish(),
  required: z.boolean().nullish(),
  enum: z.array(z.string()).nullish(),
});

const DiscoveryMethodSchema = z.looseObject({
  httpMethod: z.string(),
  path: z.string(),
  parameters: z.record(z.string(), DiscoveryParameterSchema).nullish(),
  request: z.looseObject({ $ref: z.string() }).nullish(),
  response: z.looseObject({ $ref: z.string() }).nullish(),
});

const DiscoverySchemaSchema = z.looseObject({
  id: z.string().nullish(),
  type: z.string().nullish(),
  properties: z.record(z.string(), z.looseObject({ type: z.string().nullish() })).nullish(),
});

export const LumAppsDiscoveryDocumentSchema = z.looseObject({
  basePath: z.string(),
  parameters: z.record(z.string(), DiscoveryParameterSchema),
  resources: z.record(
    z.string(),
    z.looseObject({ methods: z.record(z.string(), DiscoveryMethodSchema).nullish() }),
  ),
  schemas: z.record(z.string(), DiscoverySchemaSchema),
});
export type LumAppsDiscoveryDocument = z.infer<typeof LumAppsDiscoveryDocumentSchema>;
