// The route table: plain data read by the CDK stack (routes, auth, grants), the OpenAPI document and the
// local server (routing). It imports no handler code, only the zod schemas of each request and answer.
// Routes are grouped by audience (staff, security, login service, enrollment, health); table.ts joins them.
export * from './types';
export * from './functions';
export type { RouteDefinition } from './definition';
export * from './table';
export * from './lookup';
export * from './table-actions';
