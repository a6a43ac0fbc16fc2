// Checked by tsc (`npm run check`), never run: the wiring between the route table and a function's
// operations, and the types each operation gets from its route's schemas. Every `@ts-expect-error`
// below is a mistake the compiler must refuse; if it stops refusing one, tsc fails on the comment.
import { createHttpFunction, type OperationsOf } from '../../lib/http/http-function';
import { officerOperations } from '../../lib/http/officer-actions';
import { adminRoutes } from '../../lib/routes/admin';
import { healthRoutes } from '../../lib/routes/health';
import { enrollmentRoutes } from '../../lib/enrollment/api';
import { verificationRoutes } from '../../lib/verification/api';

const healthy = async () => ({ body: { status: 'ok' as const } });

export const wired = () => createHttpFunction('health', healthRoutes, { health: healthy });

// A route without its handler.
// @ts-expect-error Property 'health' is missing
export const missingHandler = () => createHttpFunction('health', healthRoutes, {});

// A handler without its route.
export const handlerWithoutRoute = () =>
  createHttpFunction('health', healthRoutes, {
    health: healthy,
    // @ts-expect-error Object literal may only specify known properties
    status: healthy,
  });

// A misspelled operation ("Did you mean to write 'health'?").
export const misspelled = () =>
  createHttpFunction('health', healthRoutes, {
    // @ts-expect-error Object literal may only specify known properties
    helth: healthy,
  });

// A route group that lacks some of the function's routes (one concept's group, not the function's join).
export const missingGroup = () =>
  // @ts-expect-error Property 'missing' is missing
  createHttpFunction('adminApi', verificationRoutes, {} as OperationsOf<'adminApi'>);

// Another function's routes.
// @ts-expect-error Property 'missing' is missing
export const foreignGroup = () => createHttpFunction('health', enrollmentRoutes, { health: healthy });

// A function that answers no HTTP route.
// @ts-expect-error '"notifier"' is not assignable to the HTTP functions
export const notHttp = () => createHttpFunction('notifier', healthRoutes, {});

type RecordCheck = OperationsOf<'adminApi'>['recordCheck'];
type RecordCheckRequest = Parameters<RecordCheck>[0];
type RecordCheckAnswer = Awaited<ReturnType<RecordCheck>>;

// Path parameters keep their zod type: the check's path names a verification.
export const verificationId: RecordCheckRequest['pathParameters']['verificationId'] =
  '01J00000000000000000000000';
// @ts-expect-error Property 'customerId' does not exist
export const customerId: RecordCheckRequest['pathParameters']['customerId'] = 'c-1';

// The body is the route's schema's: a check type outside the list is refused.
export const checkType: RecordCheckRequest['body']['type'] = 'FULL_NAME';
// @ts-expect-error not one of the check types
export const unknownCheckType: RecordCheckRequest['body']['type'] = 'SHOE_SIZE';

// The query is the route's schema's, parsed (limit is a number, not the query string's text).
export const searchLimit: Parameters<OperationsOf<'adminApi'>['searchCustomers']>[0]['query']['limit'] = 20;
// @ts-expect-error a route without a body schema gets no body
export const searchBody: Parameters<OperationsOf<'adminApi'>['searchCustomers']>[0]['body'] = { query: 'x' };

// The answer is the route's response schema's, with its status.
export const recorded: RecordCheckAnswer = { status: 201, body: { result: 'MATCH', status: 'OPEN' } };
// @ts-expect-error a 201 route says its status (200 goes unsaid)
export const withoutStatus: RecordCheckAnswer = { body: { result: 'MATCH', status: 'OPEN' } };
// @ts-expect-error a result outside the schema's enum
export const wrongResult: RecordCheckAnswer = { status: 201, body: { result: 'MAYBE', status: 'OPEN' } };

// An officer's actions come as their concept's record (lib/http/officer-actions.ts): the compiler still
// ties each to its route.
const officerDeps = { clock: { now: () => new Date() }, random: { bytes: () => Buffer.alloc(0) } } as never;
const kept = async (_request: { customerId: string; note: string; officerId: string }) => ({
  status: 'RECOVERY_LOCKED' as const,
  reviewedAt: '2026-12-07T00:00:00.000Z',
  auditEventId: 'e-1',
});
export const officerRecord = () => officerOperations('adminApi', { keepRecoveryLock: kept }, officerDeps);

// A route whose action the record leaves out.
export const officerActionMissing = (rest: Omit<OperationsOf<'adminApi'>, 'keepRecoveryLock'>) =>
  // @ts-expect-error Property 'keepRecoveryLock' is missing
  createHttpFunction('adminApi', adminRoutes, { ...rest, ...officerOperations('adminApi', {}, officerDeps) });

// An action that no route of the function names.
export const officerActionWithoutRoute = () =>
  // @ts-expect-error Type '...' is not assignable to type 'never'
  officerOperations('adminApi', { keepLocked: kept }, officerDeps);

// An action that wants a field its route's body does not carry (keep's body is { note }).
const keptWithReason = async (_request: { customerId: string; reason: string; officerId: string }) =>
  kept({ customerId: '', note: '', officerId: '' });
export const officerBodyMismatch = (rest: Omit<OperationsOf<'adminApi'>, 'keepRecoveryLock'>) =>
  // @ts-expect-error Property 'reason' is missing in type '{ note: string; }'
  createHttpFunction('adminApi', adminRoutes, {
    ...rest,
    ...officerOperations('adminApi', { keepRecoveryLock: keptWithReason }, officerDeps),
  });

// An action whose answer is not its route's.
const keptWrongly = async (_request: { customerId: string; note: string; officerId: string }) => ({
  status: 'KEPT' as const,
});
export const officerAnswerMismatch = (rest: Omit<OperationsOf<'adminApi'>, 'keepRecoveryLock'>) =>
  // @ts-expect-error Type '{ status: "KEPT"; }' is missing the following properties
  createHttpFunction('adminApi', adminRoutes, {
    ...rest,
    ...officerOperations('adminApi', { keepRecoveryLock: keptWrongly }, officerDeps),
  });
