import { parseCommandLine, UsageError } from "@lumasnip/service";

export { UsageError };

export const HELP = `lumasnip-fetcher — reads LumApps, emits every change to Kafka

Usage: pnpm exec node src/main.ts <command> [options]

Commands:
  run                      poll every source until SIGTERM: full sync first, then incremental
                           polls, label refreshes and a reconcile every reconcile interval;
                           serves /healthz and /metrics
  sync --once              one cycle and exit: an unfinished full sync goes on where it stopped,
                           then one incremental poll of every scope
  sync --full              list every scope from the start again and emit what differs from the
                           state (unchanged items are not sent again), then exit
  reconcile                list every LIVE id once, emit deletes for the missing and upserts for
                           changed versions or audiences, then exit
  check                    validate the settings, mint a token, list sites, count visible content
  state show               print each source's saved state (watermarks, cursors, counts)

Options:
  --config <file>          JSON config file (or FETCHER_CONFIG); without one, a single source is
                           read from FETCHER_* and LUMAPPS_* variables (docs/fetcher.md)
  --source <id>            only this source (repeatable; default: every configured source)
  --allow-mass-delete      reconcile: carry out deletes over the mass-delete share of a scope
  --wait-lock <seconds>    one-shot commands: how long to wait for a running fetcher of the same
                           source to stop (default: the lock session timeout + 15 s)
  --items                  state show: list every item entry too
  -h, --help               this help

Environment: KAFKA_BROKERS (+ KAFKA_SSL, KAFKA_SASL_*), LUMASNIP_TOPIC_PREFIX, FETCHER_OPS_PORT,
LUMAPPS_APPLICATION_SECRET or LUMAPPS_<SOURCE>_APPLICATION_SECRET (or *_FILE), LOG_LEVEL.
Exit codes: 0 done; 1 failed (see the log); 2 bad usage or configuration; 3 deletes held back by
the mass-delete guard; 4 another fetcher holds the source. check: 3 cannot authenticate,
4 cannot list.`;

export type Command = "run" | "sync" | "reconcile" | "check" | "state-show" | "help";

export interface CliArgs {
  command: Command;
  config?: string | undefined;
  sources: string[];
  once: boolean;
  full: boolean;
  allowMassDelete: boolean;
  waitLockSeconds?: number | undefined;
  items: boolean;
}

export function parseCliArgs(argv: string[]): CliArgs {
  const { values, positionals } = parse(argv);
  const base = {
    config: values.config,
    sources: values.source ?? [],
    once: values.once ?? false,
    full: values.full ?? false,
    allowMassDelete: values["allow-mass-delete"] ?? false,
    items: values.items ?? false,
    waitLockSeconds: values["wait-lock"] === undefined ? undefined : Number(values["wait-lock"]),
  };
  if (base.waitLockSeconds !== undefined && !(base.waitLockSeconds >= 0))
    throw new UsageError("--wait-lock takes a number of seconds");
  if (values.help || positionals.length === 0 || positionals[0] === "help")
    return { ...base, command: "help" };
  const [first, second, ...rest] = positionals;
  let command: Command;
  if (first === "state") {
    if (second !== "show") throw new UsageError(`unknown command "state ${second ?? ""}": try "state show"`);
    command = "state-show";
  } else if (first === "run" || first === "sync" || first === "reconcile" || first === "check") {
    command = first;
    if (second !== undefined) rest.unshift(second);
  } else throw new UsageError(`unknown command "${first}": see --help`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (command === "sync" && base.once === base.full)
    throw new UsageError("sync needs exactly one of --once or --full");
  if (command !== "sync" && (base.once || base.full)) throw new UsageError("--once and --full go with sync");
  if (base.allowMassDelete && command !== "reconcile" && command !== "run") {
    throw new UsageError("--allow-mass-delete goes with reconcile (or run)");
  }
  return { ...base, command };
}

function parse(argv: string[]) {
  return parseCommandLine(argv, {
    config: { type: "string" },
    source: { type: "string", multiple: true },
    once: { type: "boolean" },
    full: { type: "boolean" },
    "allow-mass-delete": { type: "boolean" },
    "wait-lock": { type: "string" },
    items: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
}
