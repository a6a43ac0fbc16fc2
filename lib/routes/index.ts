// The route table: plain data read by the CDK stack (routes, auth, grants), the OpenAPI document and the
// local server (routing). It imports no handler code, only the zod schemas of each request and answer.
// Each concept's routes sit beside their schemas in lib/<concept>/api.ts; admin.ts and login-service.ts
// join a function's groups, and table.ts joins them all.
export * from './types';
export * from './functions';
export type { RouteDefinition } from './definition';
export * from './table';
export * from './lookup';
export * from './table-actions';
