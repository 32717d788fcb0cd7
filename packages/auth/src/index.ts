export {
  LumAppsConnectionSchema,
  lumAppsConnection,
  parseLumAppsConnection,
  type LumAppsConnection,
  type LumAppsConnectionInput,
} from "./connection.ts";
export {
  LumAppsAuthError,
  LumAppsError,
  LumAppsSettingsError,
  type LumAppsAuthReason,
  type LumAppsErrorOptions,
  type LumAppsSetting,
  type SettingsProblem,
} from "./errors.ts";
export { parseRetryAfter } from "./retry-after.ts";
export { Secret, redact, safeCause } from "./secret.ts";
export { TOKEN_ROUTE, mintApplicationToken, secretForms } from "./token-endpoint.ts";
export {
  createTokenProvider,
  renewalMarginSeconds,
  type TokenProvider,
  type TokenProviderOptions,
} from "./token-provider.ts";
export { sendWithToken } from "./with-token.ts";
