import { z } from "zod";
import { badRequest } from "../server/errors.ts";
import { ProjectionError, parseFields, project } from "../server/projection.ts";

/** Validates a request body with zod and answers 400 with the first problem. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw badRequest(`Invalid request: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
  }
  return result.data;
}

/** `fields` is a query parameter per the discovery document; one client sends it in the body. */
export function applyFields(envelope: unknown, query: URLSearchParams, bodyFields?: unknown): unknown {
  const fields = query.get("fields") ?? (typeof bodyFields === "string" ? bodyFields : undefined);
  if (fields === undefined || fields === "") return envelope;
  try {
    return project(envelope, parseFields(fields));
  } catch (error) {
    if (error instanceof ProjectionError) throw badRequest(error.message);
    throw error;
  }
}

export const stringList = z.array(z.string());
/** `lang`: one string per the discovery document; clients also send `["en"]` or `""` (UNSURE). */
export const langParam = z.union([z.string(), z.array(z.string())]);
