// GET /health: proves the API and the function are up; touches no data. It loads nothing but its answer
// (no middy chain, no config parse, no logger), so its cold start is node's own: API Gateway routes only
// `GET /health` here, and the answer carries the contract's headers like every other.
import { jsonResponse } from '../lib/http/responses';

export const handler = async () => jsonResponse(200, { status: 'ok' });
