/** A failed call to the edge's admin API; the client that knows HTTP decides `retryable`. */
export class EdgeAdminError extends Error {
  override name = "EdgeAdminError";
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly context: Record<string, unknown>;
  /** what the edge asked for (Retry-After), in ms */
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    options: {
      retryable: boolean;
      status?: number;
      context?: Record<string, unknown>;
      retryAfterMs?: number;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable;
    this.status = options.status;
    this.context = options.context ?? {};
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * The manifest moved since it was read (409). Not retryable as the same request: the publisher
 * re-reads the manifest and plans again.
 */
export class ManifestConflictError extends EdgeAdminError {
  override name = "ManifestConflictError";
  readonly currentVersion: number | null;
  constructor(key: string, currentVersion: number | null) {
    super(`the manifest of ${key} is at version ${currentVersion ?? "none"}, not the one read`, {
      retryable: false,
      status: 409,
      context: { key, currentVersion },
    });
    this.currentVersion = currentVersion;
  }
}

/**
 * The admin API answered 401 or 403: the publisher's key is wrong, revoked or lacks the `write`
 * scope. A fault of the whole process, never of one content: nothing goes to the DLQ for it.
 */
export class EdgeKeyRefusedError extends EdgeAdminError {
  override name = "EdgeKeyRefusedError";
  constructor(status: 401 | 403, context: Record<string, unknown> = {}) {
    super(
      `the edge refused the publisher's key (${status} ${status === 401 ? "unauthorized" : "forbidden"}): ` +
        "check PUBLISHER_EDGE_KEY — it needs the write scope and must not be revoked",
      { retryable: false, status, context },
    );
  }
}
