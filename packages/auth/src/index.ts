export {
  type LumAppsConnection,
  type LumAppsConnectionInput,
  LumAppsConnectionSchema,
  lumAppsConnection,
  parseLumAppsConnection,
} from "./connection.ts";
export {
  LumAppsAuthError,
  type LumAppsAuthReason,
  LumAppsError,
  type LumAppsErrorOptions,
  type LumAppsSetting,
  LumAppsSettingsError,
  type SettingsProblem,
} from "./errors.ts";
export { parseRetryAfter } from "./retry-after.ts";
export { redact, Secret, safeCause } from "./secret.ts";
export { mintApplicationToken, secretForms, TOKEN_ROUTE } from "./token-endpoint.ts";
export {
  createTokenProvider,
  renewalMarginSeconds,
  type TokenProvider,
  type TokenProviderOptions,
} from "./token-provider.ts";
export { sendWithToken } from "./with-token.ts";
