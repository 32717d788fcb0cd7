import type { TopicNames } from "@lumasnip/schema";
import type { Admin } from "kafkajs";

/** The consuming stages, their default consumer groups and the topic each reads. */
export const STAGES = {
  snippetizer: { group: "lumasnip-snippetizer", input: (t: TopicNames) => t.content },
  publisher: { group: "lumasnip-edge-publisher", input: (t: TopicNames) => t.snippets },
} as const;
export type Stage = keyof typeof STAGES;

export function isStage(s: string | undefined): s is Stage {
  // own keys only: `in` would take "constructor" or "toString" for a stage
  return s !== undefined && Object.hasOwn(STAGES, s);
}

export class GroupBusyError extends Error {
  override name = "GroupBusyError";
}

/**
 * Moves a stopped stage's group: to given offsets, or to the earliest (a reprocess). Kafka refuses
 * to move a group with live members; the error says to stop the stage first.
 */
export async function moveGroup(
  admin: Admin,
  stage: Stage,
  groupId: string,
  topic: string,
  to: { partition: number; offset: string }[] | "earliest",
): Promise<void> {
  try {
    // explicit low watermarks: kafkajs's resetOffsets commits the sentinel -2, which a consumer
    // then resolves with its own fromBeginning setting instead of the earliest offset
    const partitions =
      to === "earliest"
        ? (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.low }))
        : to;
    await admin.setOffsets({ groupId, topic, partitions });
  } catch (error) {
    throw new GroupBusyError(
      `Kafka refused to move group ${groupId} on ${topic}: ${(error as Error).message}. ` +
        `Stop every ${stage} process first (a group with live members cannot be moved), then run this again.`,
    );
  }
}
