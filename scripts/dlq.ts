// `pnpm dlq -- list|replay`: reads the dead-letter topic and replays parked inputs after a fix.
// Replay moves a stage's consumer group back to the earliest parked offset of each partition, so
// the (fixed) stage re-reads from there; later inputs are re-read too, which every stage tolerates
// (idempotent by design). The stage must be stopped: Kafka refuses offset changes of a live group.
import { parseArgs } from "node:util";
import { GroupBusyError, isStage, moveGroup, readDlq, replayPositions, STAGES } from "@lumasnip/bus";
import { DlqReasonSchema, DlqStageSchema, topicNames } from "@lumasnip/schema";
import { cliArgs, kafkaFromEnv, usageError } from "./cli-args.ts";

const HELP = `usage: pnpm dlq -- <command> [options]

  list                         print the parked records as JSON lines (oldest first)
  replay --stage <s>           move the stage's consumer group back to the earliest parked offset of
                               each partition (stop the stage first, start it after)
options:
  --stage <s>                  snippetizer | publisher (list also: fetcher; fetcher records are
                               replayed by the fetcher itself: fix the item, then \`sync --once\`)
  --reason <r>                 only records with this reason (too_large, invalid_event, ...)
  --key <k>                    only records of this content key
  --group <g>                  the consumer group (default lumasnip-snippetizer / lumasnip-edge-publisher)
  --dry-run                    replay: print what would change, change nothing (without it, each
                               line is printed once its move is done: {"moved":true})
  -h, --help                   this text
env: KAFKA_BROKERS (+ KAFKA_SSL, KAFKA_SASL_*), LUMASNIP_TOPIC_PREFIX (default lumasnip)`;

function parseDlqArgs() {
  return parseArgs({
    args: cliArgs(),
    allowPositionals: true,
    options: {
      stage: { type: "string" },
      reason: { type: "string" },
      key: { type: "string" },
      group: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseDlqArgs>;
  try {
    parsed = parseDlqArgs();
  } catch (error) {
    return usageError("dlq", error);
  }
  const { values, positionals } = parsed;

  const command = positionals[0];
  if (values.help || !command) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  if (command !== "list" && command !== "replay") {
    console.error(`dlq: unknown command "${command}" (list or replay; --help)`);
    return 2;
  }
  if (positionals.length > 1) {
    console.error(`dlq: unexpected argument "${positionals[1]}" (--help)`);
    return 2;
  }
  if (command === "replay" && !isStage(values.stage)) {
    console.error("dlq: replay needs --stage snippetizer or --stage publisher");
    return 2;
  }
  // a typo must not read as "0 record(s)"
  if (values.stage !== undefined && !DlqStageSchema.safeParse(values.stage).success) {
    console.error(`dlq: --stage must be one of ${DlqStageSchema.options.join(", ")}`);
    return 2;
  }
  if (values.reason !== undefined && !DlqReasonSchema.safeParse(values.reason).success) {
    console.error(`dlq: --reason must be one of ${DlqReasonSchema.options.join(", ")}`);
    return 2;
  }
  const { connection, kafka } = kafkaFromEnv("dlq");
  const topics = topicNames(process.env.LUMASNIP_TOPIC_PREFIX ?? "lumasnip");
  // a wrong prefix must say so, not end in a kafkajs stack trace
  const probe = kafka.admin();
  await probe.connect();
  try {
    if (!(await probe.listTopics()).includes(topics.dlq)) {
      console.error(
        `dlq: topic ${topics.dlq} does not exist on ${connection.brokers.join(",")} (is LUMASNIP_TOPIC_PREFIX right?)`,
      );
      return 1;
    }
  } finally {
    await probe.disconnect();
  }
  const records = (await readDlq(kafka, topics.dlq)).filter(
    (r) =>
      (!values.stage || r.stage === values.stage) &&
      (!values.reason || r.reason === values.reason) &&
      (!values.key || r.key === values.key),
  );
  if (command === "list") {
    for (const r of records) console.log(JSON.stringify(r));
    console.error(`dlq: ${records.length} record(s)`);
    return 0;
  }
  const stage = values.stage as keyof typeof STAGES;
  const group = values.group ?? STAGES[stage].group;
  const positions = replayPositions(records);
  if (positions.size === 0) {
    console.error(
      `dlq: no ${values.stage} record with a position to replay (too_large records are replayed by a reprocess: docs/operations.md)`,
    );
    return 0;
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const [topic, parts] of positions) {
      const partitions = [...parts].map(([partition, offset]) => ({ partition, offset: String(offset) }));
      if (values["dry-run"]) {
        console.log(JSON.stringify({ group, topic, partitions, moved: false, dryRun: true }));
        continue;
      }
      try {
        await moveGroup(admin, stage, group, topic, partitions);
      } catch (error) {
        if (!(error instanceof GroupBusyError)) throw error;
        console.error(`dlq: ${error.message}`);
        return 1;
      }
      // printed once done, so a refusal never follows a line that reads like a move
      console.log(JSON.stringify({ group, topic, partitions, moved: true }));
    }
  } finally {
    await admin.disconnect();
  }
  console.error(
    values["dry-run"]
      ? `dlq: dry run, ${group} was not moved`
      : `dlq: ${group} will re-read from the parked offsets when the ${values.stage} starts again`,
  );
  return 0;
}

if (import.meta.main) process.exit(await main());
