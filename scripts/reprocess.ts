// `pnpm reprocess -- --stage snippetizer`: re-runs a stage over everything, e.g. after changing the
// snippetizer's settings. The input topics are compacted, so they hold the current value of every
// content (deletes included): moving the stopped stage's group to the earliest offset re-reads
// them all. Unchanged output carries the same content hash and costs downstream almost nothing.
import { parseArgs } from "node:util";
import { GroupBusyError, isStage, moveGroup, STAGES } from "@lumasnip/bus";
import { topicNames } from "@lumasnip/schema";
import { cliArgs, kafkaFromEnv, usageError } from "./cli-args.ts";

const HELP = `usage: pnpm reprocess -- --stage <snippetizer|publisher> [--group <g>]

Moves the stage's consumer group to the earliest offset of its input topic; stop the stage first,
start it after. env: KAFKA_BROKERS (+ KAFKA_SSL, KAFKA_SASL_*), LUMASNIP_TOPIC_PREFIX`;

const { values } = (() => {
  try {
    return parseArgs({
      args: cliArgs(),
      options: {
        stage: { type: "string" },
        group: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return usageError("reprocess", error);
  }
})();
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
if (!isStage(values.stage)) {
  console.error("reprocess: --stage snippetizer or --stage publisher is needed (--help)");
  process.exit(2);
}
const stage = values.stage;
const group = values.group ?? STAGES[stage].group;
const topic = STAGES[stage].input(topicNames(process.env.LUMASNIP_TOPIC_PREFIX ?? "lumasnip"));
const admin = kafkaFromEnv("reprocess").kafka.admin();
await admin.connect();
try {
  await moveGroup(admin, stage, group, topic, "earliest");
  console.error(
    `reprocess: ${group} will re-read ${topic} from the beginning when the ${stage} starts again`,
  );
} catch (error) {
  console.error(`reprocess: ${error instanceof GroupBusyError ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await admin.disconnect();
}
