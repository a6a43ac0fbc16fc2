// The health check: no auth, no data.
import * as z from '../schema';
import type { RouteEntry } from '../route-entry';

export const healthSchema = z.builtOnFirstUse(() => z.object({ status: z.literal('ok') }));

export const healthRoutes = [
  {
    method: 'GET',
    path: '/health',
    operation: 'health',
    responses: { 200: healthSchema },
    function: 'health',
    auth: { type: 'none' },
  },
] as const satisfies readonly RouteEntry[];
