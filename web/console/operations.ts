// The API as the console calls it: by operation, with the request and the answer typed from the route
// table (lib/routes/staff.ts, security.ts) and its zod schemas. Type-only imports of lib: the page's
// bundle carries only the route keys below, which tsc holds to the table.
import type * as z from '../../lib/schema';
import type { securityRoutes } from '../../lib/routes/security';
import type { staffRoutes } from '../../lib/routes/staff';

type ConsoleRoute = (typeof staffRoutes)[number] | (typeof securityRoutes)[number];
export type ConsoleOperation = ConsoleRoute['operation'];
type RouteOf<Op extends ConsoleOperation> = Extract<ConsoleRoute, { operation: Op }>;
type ResponsesOf<Op extends ConsoleOperation> = RouteOf<Op>['responses'];

/** Every success answer the route declares, whatever its status. */
export type AnswerOf<Op extends ConsoleOperation> = {
  [S in keyof ResponsesOf<Op>]: ResponsesOf<Op>[S] extends z.ZodMiniType
    ? z.infer<ResponsesOf<Op>[S]>
    : never;
}[keyof ResponsesOf<Op>];

type Part = 'params' | 'query' | 'body';
/** One part of the request, present only when the route declares it; optional when the schema takes nothing. */
type PartOf<Op extends ConsoleOperation, K extends Part> =
  RouteOf<Op> extends { [P in K]: infer S extends z.ZodMiniType }
    ? undefined extends z.input<S>
      ? { [P in K]?: z.input<S> }
      : object extends z.input<S>
        ? { [P in K]?: z.input<S> }
        : { [P in K]: z.input<S> }
    : { [P in K]?: never };

export type RequestOf<Op extends ConsoleOperation> = PartOf<Op, 'params'> &
  PartOf<Op, 'query'> &
  PartOf<Op, 'body'>;

/**
 * The route key (`METHOD /path/{param}`) of each operation the console calls. The `satisfies` makes a
 * mistyped or changed path a tsc error here rather than a 404 in the browser.
 */
export const consoleRouteKeys = {
  searchCustomersByBody: 'POST /admin/customers/search',
  customerProfile: 'GET /admin/customers/{customerId}',
  customerAuditEvents: 'GET /admin/customers/{customerId}/audit-events',
  recordTriage: 'POST /admin/customers/{customerId}/triage',
  startVerification: 'POST /admin/customers/{customerId}/verifications',
  recordCheck: 'POST /admin/verifications/{verificationId}/checks',
  sendEmailCode: 'POST /admin/verifications/{verificationId}/email-code',
  completeVerification: 'POST /admin/verifications/{verificationId}/complete',
  getVerification: 'GET /admin/verifications/{verificationId}',
  listReadyVerifications: 'GET /admin/verifications',
  recordCaseRecordPrinted: 'POST /admin/verifications/{verificationId}/case-record',
  disableTwoFactor: 'POST /admin/customers/{customerId}/2fa/disable',
  resendResetLink: 'POST /admin/customers/{customerId}/2fa/reset-link',
  listApprovals: 'GET /admin/approvals',
  rejectDisable: 'POST /admin/approvals/{approvalId}/reject',
  cancelVerification: 'POST /admin/verifications/{verificationId}/cancel',
  approveDisable: 'POST /admin/approvals/{approvalId}/approve',
  listRecoveryLocks: 'GET /security/recovery-locks',
  recoveryLockCase: 'GET /security/customers/{customerId}/recovery-lock',
  releaseRecoveryLock: 'POST /security/customers/{customerId}/recovery-lock/release',
  keepRecoveryLock: 'POST /security/customers/{customerId}/recovery-lock/keep',
  listRecoveryLimits: 'GET /security/recovery-limits',
  resetRecoveryLimits: 'POST /security/customers/{customerId}/recovery-limits/reset',
  endRecoveryDelay: 'POST /security/customers/{customerId}/recovery-delay/end',
} as const satisfies { [Op in ConsoleOperation]?: `${RouteOf<Op>['method']} ${RouteOf<Op>['path']}` };

export type ConsoleCall = keyof typeof consoleRouteKeys;

/**
 * The staff and security routes the console does not call, each with why. With consoleRouteKeys it
 * names every one: a new staff route is a tsc error here until the console calls it (its button) or
 * this says why it has none.
 */
export const notCalledByConsole = {
  searchCustomers: 'the GET form of the search, for API clients; the console posts it (no names in URLs)',
} as const satisfies Record<Exclude<ConsoleOperation, ConsoleCall>, string>;

/** What a call passes besides its parts: headers (an Idempotency-Key). */
export type RequestOptions<Op extends ConsoleCall> = RequestOf<Op> & { headers?: Record<string, string> };
/** The options may be left out when nothing in them is required. */
export type RequestArgs<Op extends ConsoleCall> =
  object extends RequestOf<Op> ? [options?: RequestOptions<Op>] : [options: RequestOptions<Op>];

/**
 * The method and URL of a call: each path parameter percent-encoded, the query's defined values in
 * a query string.
 */
export const requestTarget = <Op extends ConsoleCall>(
  op: Op,
  params: Record<string, string> | undefined,
  query: Record<string, string | number | boolean | undefined> | undefined,
): { method: RouteOf<ConsoleCall>['method']; path: string } => {
  const [method, template] = consoleRouteKeys[op].split(' ') as [RouteOf<ConsoleCall>['method'], string];
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${op}: path parameter ${name} missing`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined) search.set(key, String(value));
  const queryString = search.toString();
  return { method, path: queryString ? `${path}?${queryString}` : path };
};
