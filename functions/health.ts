// GET /health: proves the API, the function and its configuration are up; touches no data.
import { config } from '../lib/config';
import { createHttpFunction } from '../lib/http/http-function';

config();

export const handler = createHttpFunction('health', {
  health: async () => ({ body: { status: 'ok' } }),
});
