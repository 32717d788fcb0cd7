import { z } from "zod";
import { LumAppsSettingsError, type SettingsProblem } from "./errors.ts";
import { Secret } from "./secret.ts";

const DOCS_SITE = "api.lumapps.com";
const CELL_EXAMPLE = "https://go-cell-001.api.lumapps.com";
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const REQUIRED_USER =
  "required: the id of the service-account user the application acts as (or authorizedUserEmail)";

/** Ids are digit strings; a number is accepted only while it is exact (16-digit ids are near 2^53). */
const digitsId = (what: string) =>
  z.preprocess(
    (v) => (typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v),
    z
      .string({
        error: (issue) =>
          typeof issue.input === "number"
            ? `write ${what} as a string: it is too long for a number`
            : `${what} is digits only, e.g. 5649391675244544`,
      })
      .trim()
      .regex(/^\d+$/, `${what} is digits only, e.g. 5649391675244544`),
  );

/** The cell as an origin: https (http only on loopback, for the simulator), no path. */
const cellSchema = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({
        code: "custom",
        message: `not a URL; expected the Haussmann cell, e.g. ${CELL_EXAMPLE}`,
      });
      return z.NEVER;
    }
    if (url.hostname === DOCS_SITE || url.hostname === `www.${DOCS_SITE}`) {
      ctx.addIssue({
        code: "custom",
        message: `${url.origin} is LumApps' documentation site, not an API host: use your Haussmann cell, e.g. ${CELL_EXAMPLE} (LumApps debug dialog: Ctrl+Shift+?)`,
      });
      return z.NEVER;
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) {
      ctx.addIssue({ code: "custom", message: `use https://, e.g. ${CELL_EXAMPLE}` });
      return z.NEVER;
    }
    if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username) {
      ctx.addIssue({ code: "custom", message: `give only the host, e.g. ${CELL_EXAMPLE} (no path)` });
      return z.NEVER;
    }
    return url.origin;
  });

/**
 * The settings of one LumApps organization: the five a customer gives (organization id,
 * application id and secret, authorized user, Haussmann cell) and the optional platform address
 * that relative content links resolve against. `authorizedUserEmail` may stand in for the user id.
 */
export const LumAppsConnectionSchema = z
  .object({
    organizationId: digitsId("organizationId"),
    applicationId: z.string().trim().min(1),
    applicationSecret: z.union(
      [
        z.instanceof(Secret),
        z
          .string()
          .min(1)
          .transform((s) => new Secret(s)),
      ],
      { error: "a string" },
    ),
    authorizedUserId: digitsId("authorizedUserId").optional(),
    authorizedUserEmail: z.email("an email address").optional(),
    cell: cellSchema,
    platformAddress: z
      .url({ protocol: /^https?$/, error: "a URL such as https://sites.lumapps.com or your custom domain" })
      .transform((u) => u.replace(/\/+$/, ""))
      .optional(),
  })
  .refine((value) => Boolean(value.authorizedUserId || value.authorizedUserEmail), {
    path: ["authorizedUserId"],
    message: REQUIRED_USER,
  });

export type LumAppsConnectionInput = z.input<typeof LumAppsConnectionSchema>;
export type LumAppsConnection = z.output<typeof LumAppsConnectionSchema>;

const REQUIRED: Record<string, string> = {
  organizationId: "required: the LumApps organization id (a.k.a. customer id), digits",
  applicationId: "required: the OAuth application's id (client id)",
  applicationSecret: "required: the OAuth application's secret (shown once when the application is created)",
  authorizedUserId: REQUIRED_USER,
  cell: `required: the Haussmann cell, e.g. ${CELL_EXAMPLE}`,
};

/**
 * One problem per setting, naming it: a missing setting says what it is, a wrong one what is
 * expected. Messages never quote the value given (the secret's value never appears).
 */
export function parseLumAppsConnection(
  input: unknown,
): { ok: true; connection: LumAppsConnection } | { ok: false; problems: SettingsProblem[] } {
  const given = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  const absent = (key: string) => given[key] === undefined || given[key] === null || given[key] === "";
  const missing = (key: string) =>
    key === "authorizedUserId" ? absent(key) && absent("authorizedUserEmail") : absent(key);
  const problems: SettingsProblem[] = Object.entries(REQUIRED)
    .filter(([key]) => missing(key))
    .map(([setting, message]) => ({ setting, message }));
  const parsed = LumAppsConnectionSchema.safeParse(given);
  if (parsed.success && problems.length === 0) return { ok: true, connection: parsed.data };
  for (const issue of parsed.error?.issues ?? []) {
    const setting = issue.path.length > 0 ? issue.path.join(".") : "settings";
    if (!(setting in REQUIRED && missing(setting))) problems.push({ setting, message: issue.message });
  }
  return { ok: false, problems };
}

/** Parses the settings or throws a `LumAppsSettingsError` listing every problem. */
export function lumAppsConnection(input: unknown): LumAppsConnection {
  const result = parseLumAppsConnection(input);
  if (!result.ok) throw new LumAppsSettingsError(result.problems);
  return result.connection;
}
