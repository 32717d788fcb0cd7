import { z } from "zod";
import type { SimResponse } from "../server/responses.ts";
import type { ServerDeps } from "../server/server.ts";
import { ChangeError } from "../store/changes.ts";

const tickerBody = z.strictObject({
  intervalMs: z.number().int().positive().optional(),
  randomSeed: z.number().int().optional(),
  kinds: z.array(z.string()).optional(),
});

const fail = (status: number, message: string): SimResponse => ({ status, body: { error: message } });

/**
 * The control API under `/_sim/` (no token: a local test tool). Each route calls the same
 * SimControl function tests use in process.
 */
export async function handleControl(
  deps: ServerDeps,
  method: string,
  url: URL,
  raw: string,
): Promise<SimResponse> {
  const { control } = deps;
  const path = url.pathname.replace(/^\/_sim\/?/, "").replace(/\/+$/, "");
  let body: unknown;
  try {
    body = raw === "" ? {} : JSON.parse(raw);
  } catch {
    return fail(400, "the body must be JSON");
  }
  const ok = (value: unknown = { ok: true }): SimResponse => ({ status: 200, body: value });
  try {
    const [head, sub] = path.split("/", 2);
    switch (`${method} ${head}${sub !== undefined ? "/*" : ""}`) {
      case "GET health":
        return ok({ ok: true });
      case "GET info":
      case "GET ":
        return ok(deps.info());
      case "GET counters":
        return ok(control.counters());
      case "POST counters/*":
        if (sub !== "reset") break;
        control.resetCounters();
        return ok();
      case "GET faults":
        return ok(control.faults());
      case "POST faults":
        return ok({ id: control.addFault(body as never) });
      case "DELETE faults":
        control.clearFaults();
        return ok();
      case "DELETE faults/*":
        return control.removeFault(sub!) ? ok() : fail(404, `no fault ${sub}`);
      case "POST changes":
        return ok(control.apply(body as never));
      case "GET changes":
        return ok(control.changeLog());
      case "GET contents":
        return ok(
          control.contents().map((c) => ({
            id: c.id,
            type: c.type,
            instance: c.instance,
            status: c.status,
            version: c.version,
            updatedAt: c.updatedAt,
            feedKeys: c.feedKeys,
            title: c.title,
          })),
        );
      case "GET contents/*": {
        const content = control.content(sub!);
        return content ? ok(content) : fail(404, `no content ${sub}`);
      }
      case "GET metadata":
        return ok(control.metadata());
      case "POST tokens/*":
        if (sub !== "revoke") break;
        control.revokeTokens();
        return ok();
      case "POST clock/*": {
        if (sub !== "advance") break;
        const { ms } = z.strictObject({ ms: z.number() }).parse(body);
        control.advanceClock(ms);
        return ok({ now: control.now().toISOString() });
      }
      case "POST ticker":
        control.startTicker(tickerBody.parse(body) as never);
        return ok();
      case "DELETE ticker":
        control.stopTicker();
        return ok();
    }
    return fail(404, `no control route ${method} /_sim/${path}`);
  } catch (error) {
    if (error instanceof z.ZodError) return fail(400, z.prettifyError(error));
    if (error instanceof ChangeError) return fail(error.status, error.message);
    throw error;
  }
}
