import type { SnippetSet } from "@lumasnip/schema";
import type { Logger } from "@lumasnip/service";
import { sleep } from "@lumasnip/service";
import type { EdgeAdmin } from "./edge-client.ts";
import { ManifestConflictError } from "./errors.ts";
import type { PublisherMetrics } from "./metrics.ts";
import { planPublish } from "./plan.ts";
import { type BackoffOptions, withBackoff } from "./retry.ts";

export type Outcome =
  | { kind: "skipped" }
  | {
      kind: "published";
      version: number;
      written: number;
      unchanged: number;
      dropped: number;
      conflicts: number;
    }
  | { kind: "deleted"; existed: boolean; scheduled: number };

export interface ContentPublisherOptions {
  edge: EdgeAdmin;
  metrics: PublisherMetrics;
  logger: Logger;
  backoff: Pick<BackoffOptions, "attempts" | "initialMs" | "maxMs">;
  /** 409s tolerated for one content before it counts as failed */
  maxConflicts: number;
  signal?: AbortSignal;
  /** called between edge calls of a long content, so the consumer can heartbeat */
  onProgress?: () => Promise<void>;
}

/** Publishes one content through the admin protocol: read, diff, write chunks, commit (re-planning on 409). */
export function createContentPublisher(options: ContentPublisherOptions) {
  const { edge, metrics } = options;
  const retry = <T>(operation: string, fn: () => Promise<T>) =>
    withBackoff(fn, {
      ...options.backoff,
      signal: options.signal,
      onRetry: (error, attempt, waitMs) => {
        metrics.retries.inc({ operation });
        options.logger.warn({ operation, attempt, waitMs, err: error }, "edge call failed, retrying");
      },
    });
  const progress = async () => {
    await options.onProgress?.();
  };

  async function upsert(set: SnippetSet): Promise<Outcome> {
    for (let conflicts = 0; ; conflicts++) {
      const current = await retry("get_manifest", () => edge.getManifest(set.key));
      const plan = planPublish(set, current);
      if (plan.action === "skip") return { kind: "skipped" };
      for (const chunk of plan.chunks) {
        await retry("put_snippets", () => edge.putSnippets(set.key, chunk));
        await progress();
      }
      try {
        const result = await retry("commit", () =>
          edge.commit(set.key, { expectedVersion: plan.expectedVersion, manifest: plan.manifest }),
        );
        return {
          kind: "published",
          version: result.version,
          written: plan.written,
          unchanged: plan.unchanged,
          dropped: plan.dropped,
          conflicts,
        };
      } catch (error) {
        if (!(error instanceof ManifestConflictError) || conflicts >= options.maxConflicts) throw error;
        metrics.conflicts.inc();
        options.logger.info(
          { key: set.key, expected: plan.expectedVersion, current: error.currentVersion },
          "manifest moved, planning again",
        );
        await sleep(Math.random() * options.backoff.initialMs, options.signal);
      }
    }
  }

  async function remove(key: string): Promise<Outcome> {
    const r = await retry("delete_content", () => edge.deleteContent(key));
    return { kind: "deleted", existed: r.deleted, scheduled: r.scheduled };
  }

  return { upsert, remove };
}
export type ContentPublisher = ReturnType<typeof createContentPublisher>;
