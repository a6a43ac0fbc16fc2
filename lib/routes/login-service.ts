// The login service's routes of its main function (loginServiceApi, IAM), joined from their concepts'
// api.ts: customer sync and 2FA state, login verification by code and by passkey, and self-service
// (enrollment links, backup codes, removing a passkey). Erasure, its own function, is lib/erasure/api.ts.
import { customerRoutes } from '../customers/api';
import { selfServiceRoutes } from '../enrollment/self-service-api';
import { passkeyRoutes } from '../passkeys/api';
import { totpRoutes } from '../totp/api';

export const loginServiceRoutes = [
  ...customerRoutes,
  ...totpRoutes,
  ...passkeyRoutes,
  ...selfServiceRoutes,
] as const;
