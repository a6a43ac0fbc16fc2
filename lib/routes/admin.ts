// The staff function's routes (adminApi, Cognito JWT), joined from their concepts' api.ts: what staff
// read, triage, verification, the disable gate, and the security officers' queues and cases.
import { resetRoutes } from '../reset/api';
import { securityRoutes } from '../security/api';
import { staffViewRoutes } from '../staff-views/api';
import { triageRoutes } from '../triage/api';
import { verificationRoutes } from '../verification/api';

export const adminRoutes = [
  ...staffViewRoutes,
  ...triageRoutes,
  ...verificationRoutes,
  ...resetRoutes,
  ...securityRoutes,
] as const;
