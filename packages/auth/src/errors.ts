/** The settings a customer gives for one LumApps organization (docs/connecting-to-lumapps.md). */
export type LumAppsSetting =
  | "organizationId"
  | "applicationId"
  | "applicationSecret"
  | "authorizedUserId"
  | "authorizedUserEmail"
  | "cell"
  | "platformAddress";

export interface LumAppsErrorOptions {
  retryable: boolean;
  route: string;
  status?: number | undefined;
  callId?: string | undefined;
  /** how long the server asked us to wait (Retry-After), ms */
  retryAfterMs?: number | undefined;
  context?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * Base of every error talking to LumApps. The adapter that knows the protocol sets `retryable`;
 * loops only read it. `callId` is LumApps' `LumApps-Call-Id` (support asks for it).
 */
export class LumAppsError extends Error {
  override name = "LumAppsError";
  readonly retryable: boolean;
  readonly route: string;
  readonly status: number | undefined;
  readonly callId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly context: Record<string, unknown>;

  constructor(message: string, options: LumAppsErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable;
    this.route = options.route;
    this.status = options.status;
    this.callId = options.callId;
    this.retryAfterMs = options.retryAfterMs;
    this.context = options.context ?? {};
  }
}

export type LumAppsAuthReason =
  /** 400/401 from the token endpoint */
  | "bad_credentials"
  /** 403 from the token endpoint */
  | "forbidden"
  /** the cell answered like something that is not a LumApps API host (HTML, 404) */
  | "not_an_api_host"
  /** DNS, refused connection, TLS, timeout */
  | "unreachable"
  /** a freshly minted token was refused by the API (second 401) */
  | "token_rejected"
  /** 429/5xx from the token endpoint */
  | "unavailable"
  /** a 200 that is not a token */
  | "bad_answer";

/** Cannot obtain or use an application token. `setting` names the setting to check. */
export class LumAppsAuthError extends LumAppsError {
  override name = "LumAppsAuthError";
  readonly reason: LumAppsAuthReason;
  readonly settings: readonly LumAppsSetting[];

  constructor(
    message: string,
    options: LumAppsErrorOptions & { reason: LumAppsAuthReason; settings: readonly LumAppsSetting[] },
  ) {
    super(message, options);
    this.reason = options.reason;
    this.settings = options.settings;
  }
}

export interface SettingsProblem {
  setting: string;
  message: string;
}

/** The settings are invalid before anything was sent. */
export class LumAppsSettingsError extends LumAppsError {
  override name = "LumAppsSettingsError";
  readonly problems: readonly SettingsProblem[];

  constructor(problems: readonly SettingsProblem[]) {
    super(problems.map((p) => `${p.setting}: ${p.message}`).join("; "), {
      retryable: false,
      route: "settings",
    });
    this.problems = problems;
  }
}
