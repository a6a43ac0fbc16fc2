// Checked by tsc (`npm run check`), never run: a console call's request and answer are its route's
// (web/console/operations.ts, called by route key). Every `@ts-expect-error` below is a mistake the compiler must refuse; if it
// stops refusing one, tsc fails on the comment.
import type { Ctx } from '../../web/console/context';

declare const ctx: Ctx;

export const answers = async () => {
  const ready = await ctx.request('GET /admin/verifications', { query: { status: 'PASSED' } });
  const kinds: ('DIRECT' | 'NEEDS_APPROVAL' | 'REFUSED')[] = ready.body.verifications.map(
    (row) => row.disable.kind,
  );
  const disabled = await ctx.request('POST /admin/customers/{customerId}/2fa/disable', {
    params: { customerId: 'c-1' },
    body: { verificationId: 'v-1', reason: 'Telefoon kwijt' },
  });
  // Either of the declared answers (200 or 202): read without narrowing, a field of one of them is refused.
  // @ts-expect-error Property 'approvalId' does not exist on type (the 200's answer)
  const approvalId: string = disabled.body.approvalId;
  // @ts-expect-error A field the answer does not declare
  const missing = ready.body.total;
  return { kinds, approvalId, missing };
};

export const requests = async () => {
  // @ts-expect-error A route that does not exist
  await ctx.request('GET /admin/customers/everywhere');
  // @ts-expect-error A route that is not the staff's (the login service's)
  await ctx.request('GET /internal/customers/{customerId}/2fa', { params: { customerId: 'c-1' } });
  // @ts-expect-error A route with a path parameter needs it
  await ctx.request('GET /admin/verifications/{verificationId}');
  // @ts-expect-error The parameter is the route's, by name
  await ctx.request('GET /admin/verifications/{verificationId}', { params: { customerId: 'c-1' } });
  // @ts-expect-error The query's status is the literal the route takes
  await ctx.request('GET /admin/verifications', { query: { status: 'FAILED' } });
  await ctx.request('POST /admin/approvals/{approvalId}/approve', {
    params: { approvalId: 'a-1' },
    // @ts-expect-error A body the route does not take
    body: { reason: 'x' },
  });
  await ctx.request('POST /admin/approvals/{approvalId}/reject', {
    params: { approvalId: 'a-1' },
    // @ts-expect-error The body's fields are the schema's
    body: { why: 'x' },
  });
  // Nothing required: the options may be left out.
  await ctx.request('GET /admin/approvals');
};
