import { AssignerProtocol, type PartitionAssigner } from "kafkajs";

export const LOCK_ASSIGNER = "LumasnipSourceLock";

interface Claim {
  /** this member holds the lock now */
  holding: boolean;
  /** when the member started waiting: the longest waiter goes next */
  since: number;
}

/**
 * A partition assigner that makes a consumer group a lock: all partitions go to one member, and
 * they stay with the member that already holds them, so a second fetcher joining never takes a
 * source from a running one — it waits until the holder leaves or its session expires.
 */
export function lockAssigner(self: () => Claim): PartitionAssigner {
  return ({ cluster }) => ({
    name: LOCK_ASSIGNER,
    version: 1,
    async assign({ members, topics }) {
      const claims = members.map((m) => ({ memberId: m.memberId, ...readClaim(m.memberMetadata) }));
      claims.sort(
        (a, b) =>
          Number(b.holding) - Number(a.holding) || a.since - b.since || a.memberId.localeCompare(b.memberId),
      );
      const winner = claims[0]?.memberId;
      const all = Object.fromEntries(
        topics.map((topic) => [topic, cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId)]),
      );
      return members.map((m) => ({
        memberId: m.memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 1,
          assignment: m.memberId === winner ? all : {},
          userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol({ topics }) {
      return {
        name: LOCK_ASSIGNER,
        metadata: AssignerProtocol.MemberMetadata.encode({
          version: 1,
          topics,
          userData: Buffer.from(JSON.stringify(self())),
        }),
      };
    },
  });
}

function readClaim(metadata: Buffer): Claim {
  try {
    const decoded = AssignerProtocol.MemberMetadata.decode(metadata);
    const claim = JSON.parse(decoded?.userData.toString("utf8") || "{}") as Partial<Claim>;
    return {
      holding: claim.holding === true,
      since: typeof claim.since === "number" ? claim.since : Number.MAX_SAFE_INTEGER,
    };
  } catch {
    return { holding: false, since: Number.MAX_SAFE_INTEGER };
  }
}
