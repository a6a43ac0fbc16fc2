// A route of the table: an entry of some concept's api.ts (lib/route-entry.ts) whose function is one of
// lib/routes/functions.ts, so CDK and the local server can look its function up.
import type { RouteEntry } from '../route-entry';
import type { FunctionName } from './functions';

export interface RouteDefinition extends RouteEntry {
  function: FunctionName;
}
