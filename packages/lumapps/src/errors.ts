import { LumAppsError, type LumAppsErrorOptions } from "@lumasnip/auth";

export { LumAppsAuthError, LumAppsError, LumAppsSettingsError } from "@lumasnip/auth";

/** LumApps answered with an HTTP error. Retryable for 408, 429 and 5xx. */
export class LumAppsHttpError extends LumAppsError {
  override name = "LumAppsHttpError";
  readonly detail: string;

  constructor(message: string, options: LumAppsErrorOptions & { status: number; detail: string }) {
    super(message, options);
    this.detail = options.detail;
  }
}

/** 404: the object is gone or the user may not see it. */
export class LumAppsNotFoundError extends LumAppsHttpError {
  override name = "LumAppsNotFoundError";
}

/** No answer within the request's timeout. */
export class LumAppsTimeoutError extends LumAppsError {
  override name = "LumAppsTimeoutError";
}

/** The connection failed (DNS, refused, reset). */
export class LumAppsNetworkError extends LumAppsError {
  override name = "LumAppsNetworkError";
}

/** A 2xx whose body is not the shape we need; retrying would get the same answer. */
export class LumAppsShapeError extends LumAppsError {
  override name = "LumAppsShapeError";
  readonly issues: readonly string[];

  constructor(message: string, options: LumAppsErrorOptions & { issues: readonly string[] }) {
    super(message, options);
    this.issues = options.issues;
  }
}

/**
 * A listing broke API.md's paging rule: `more: true` with no cursor, or a cursor seen before. A
 * reconcile that meets it has not seen the whole scope and must delete nothing. Retryable: a new
 * listing from the start may well succeed.
 */
export class BrokenListingError extends LumAppsError {
  override name = "BrokenListingError";
}
