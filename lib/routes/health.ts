// The health check: no auth, no data.
import { healthSchema } from '../http/schemas';
import type { RouteDefinition } from './definition';

export const healthRoutes = [
  {
    method: 'GET',
    path: '/health',
    operation: 'health',
    responses: { 200: healthSchema },
    function: 'health',
    auth: { type: 'none' },
  },
] as const satisfies readonly RouteDefinition[];
