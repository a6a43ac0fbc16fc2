// The printable case record (#/cases/{verificationId}/print): the case number, the customer, every step
// of the verification, the case's audit events, and who printed it when. Opening it records the print
// in the audit trail first (CASE_RECORD_PRINTED): the record carries personal data, and the browser's
// own print command cannot be intercepted, so the record is only shown once the print is on file.
import { h } from '../../shared/dom';
import type { StaffAuditEvent } from '../../../lib/audit/staff-event-schema';
import type { AuditHistory } from '../../../lib/staff-views/api';
import type { CustomerProfile } from '../../../lib/staff-views/api';
import type { VerificationView } from '../../../lib/verification/api';
import type { AnswerOf } from '../operations';
import { eventSentence, localTime } from '../audit-sentences';
import { errorBlock, fact, type Ctx, type ErrorInfo } from '../context';
import {
  channelLabels,
  checkLabels,
  noPossessionReasonLabels,
  reportedProblemLabels,
  resultLabels,
} from '../messages';
import { auditTable } from './audit-trail';
import { readsProfiles } from './security-queue';
import { reasonText } from './verification-outcome';

type CaseRecordPrinted = AnswerOf<'POST /admin/verifications/{verificationId}/case-record'>;

interface CaseRecordState {
  verificationId: string;
  /** Who opened it: a record is never shown to the next person signing in on this browser. */
  viewer: string;
  loading: boolean;
  error?: ErrorInfo;
  printed?: CaseRecordPrinted;
  verification?: VerificationView;
  customer?: Pick<CustomerProfile['customer'], 'customerId' | 'fullName' | 'email' | 'companyName'>;
  events?: StaffAuditEvent[];
  /** The triage the case was started on, if it was. */
  triage?: StaffAuditEvent;
}

let state: CaseRecordState | undefined;

const EVENTS_PAGE = 200;

/** How far before the start a triage can lie: the API links a start only to one of the last hour. */
const TRIAGE_LINK_MS = 60 * 60_000;

/**
 * The call's triage. It was recorded before the case existed, so it carries no caseId and the case
 * filter leaves it out; the start names it (VERIFICATION_STARTED details.triageId). Read from the
 * customer's history, newest first, down to an hour before the start.
 */
const triageOf = async (
  ctx: Ctx,
  customerId: string,
  caseEvents: StaffAuditEvent[],
  startedAt: string,
): Promise<StaffAuditEvent | undefined> => {
  const started = caseEvents.find((event) => event.type === 'VERIFICATION_STARTED');
  const triageId = (started?.details as Record<string, unknown> | undefined)?.triageId;
  if (typeof triageId !== 'string') return undefined;
  const oldest = Date.parse(startedAt) - TRIAGE_LINK_MS;
  let cursor: string | null = null;
  do {
    const page: AuditHistory = (
      await ctx.request('GET /admin/customers/{customerId}/audit-events', {
        params: { customerId },
        query: { limit: EVENTS_PAGE, cursor: cursor ?? undefined },
      })
    ).body;
    const found = page.events.find(
      (event) =>
        event.type === 'HELPDESK_TRIAGE_RECORDED' &&
        (event.details as Record<string, unknown>).triageId === triageId,
    );
    if (found) return found;
    const last = page.events.at(-1);
    if (!last || Date.parse(last.at) < oldest) return undefined;
    cursor = page.nextCursor;
  } while (cursor);
  return undefined;
};

const load = async (ctx: Ctx, current: CaseRecordState) => {
  current.loading = true;
  try {
    // The print is on file before any of the record is shown.
    current.printed = (
      await ctx.request('POST /admin/verifications/{verificationId}/case-record', {
        params: { verificationId: current.verificationId },
        body: {},
      })
    ).body;
    const verification = (
      await ctx.request('GET /admin/verifications/{verificationId}', {
        params: { verificationId: current.verificationId },
      })
    ).body;
    const { customerId } = verification;
    // An officer who reads no profiles has the customer in the recovery-lock case instead.
    const customer = readsProfiles(ctx.session)
      ? ctx
          .request('GET /admin/customers/{customerId}', { params: { customerId } })
          .then((answer) => answer.body.customer)
      : ctx
          .request('GET /security/customers/{customerId}/recovery-lock', { params: { customerId } })
          .then((answer) => answer.body.customer);
    // Read alongside the events; a refusal is seen after them, not left unobserved meanwhile.
    customer.catch(() => undefined);
    const events: StaffAuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditHistory = (
        await ctx.request('GET /admin/customers/{customerId}/audit-events', {
          params: { customerId },
          query: { caseId: current.verificationId, limit: EVENTS_PAGE, cursor: cursor ?? undefined },
        })
      ).body;
      events.push(...page.events);
      cursor = page.nextCursor;
    } while (cursor);
    const triage = await triageOf(ctx, customerId, events, verification.startedAt);
    current.verification = verification;
    current.customer = await customer;
    current.triage = triage;
    // Oldest first: a record reads as the case happened (the triage came just before the start).
    current.events = [...events, ...(triage ? [triage] : [])].sort((a, b) => a.seq - b.seq);
    current.error = undefined;
  } catch (error) {
    current.error = ctx.errorInfo(error);
  } finally {
    current.loading = false;
  }
  ctx.render();
};

const recordOf = (ctx: Ctx, current: CaseRecordState) => {
  const { t, lang } = ctx.i18n;
  const { verification, customer, events, printed } = current;
  if (!verification || !customer || !events || !printed) return null;
  const when = (iso: string | null) => (iso ? localTime(lang, iso) : t('none'));
  const caseLabel = verification.caseNumber ?? verification.verificationId;
  const th = (key: Parameters<typeof t>[0]) => h('th', { scope: 'col', text: t(key) });
  return h(
    'article',
    { class: 'case-record', 'data-testid': 'case-record' },
    h('h2', {
      tabindex: -1,
      'data-route-focus': true,
      'data-testid': 'case-record-title',
      text: t('caseRecordTitle', { case: caseLabel }),
    }),
    h(
      'section',
      { class: 'card' },
      h('h3', { text: t('caseRecordCustomer') }),
      h(
        'dl',
        { class: 'facts' },
        fact(t('colName'), customer.fullName),
        fact(t('email'), customer.email),
        fact(t('company'), customer.companyName ?? t('none')),
        fact(t('customerId'), customer.customerId),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h3', { text: t('caseRecordVerification') }),
      h(
        'dl',
        { class: 'facts' },
        fact(t('colCase'), caseLabel),
        fact(t('colVerification'), verification.verificationId),
        fact(t('colAgent'), verification.agentId),
        fact(t('colChannel'), channelLabels[lang][verification.channel]),
        verification.reportedProblem
          ? fact(t('caseRecordProblem'), reportedProblemLabels[lang][verification.reportedProblem])
          : null,
        current.triage
          ? fact(
              t('caseRecordTriage'),
              h('span', {
                'data-testid': 'case-record-triage',
                text: eventSentence(ctx, current.triage, () => caseLabel),
              }),
            )
          : null,
        fact(t('colStatus'), t(`vstatus_${verification.status}`)),
        fact(t('caseRecordStarted'), when(verification.startedAt)),
        fact(t('caseRecordCompleted'), when(verification.completedAt)),
        verification.outcome
          ? fact(
              t('caseRecordOutcome'),
              t(verification.outcome === 'PASSED' ? 'outcome_PASSED' : 'outcome_FAILED'),
            )
          : null,
        verification.reasons.length
          ? fact(
              t('caseRecordReasons'),
              verification.reasons.map((reason) => reasonText(ctx, reason)).join(' '),
            )
          : null,
        verification.withoutPossessionProof
          ? fact(
              t('caseRecordWithoutProof'),
              `${noPossessionReasonLabels[lang][verification.withoutPossessionProof.reason]} (${verification.withoutPossessionProof.agentId})`,
            )
          : null,
        verification.usedAt
          ? fact(t('caseRecordUsed'), `${when(verification.usedAt)} · ${verification.usedBy ?? ''}`)
          : null,
      ),
      h('h4', { text: t('caseRecordSteps') }),
      verification.checks.length
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { 'data-testid': 'case-steps' },
              h(
                'thead',
                {},
                h('tr', {}, th('colTime'), th('colCheck'), th('colResult'), th('colNote'), th('colActor')),
              ),
              h(
                'tbody',
                {},
                ...verification.checks.map((check) =>
                  h(
                    'tr',
                    { 'data-check': check.type },
                    h('td', { class: 'time', text: localTime(lang, check.at) }),
                    h('td', { text: checkLabels[lang][check.type] }),
                    h('td', { 'data-result': check.result, text: resultLabels[lang][check.result] }),
                    h('td', { text: check.note ?? '' }),
                    h('td', { text: check.agentId }),
                  ),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted', text: t('caseRecordNoSteps') }),
    ),
    h(
      'section',
      { class: 'card' },
      h('h3', { text: t('caseRecordEvents') }),
      auditTable(ctx, events, () => caseLabel),
    ),
    h(
      'footer',
      { class: 'printed-by', 'data-testid': 'printed-by' },
      h('p', { text: t('printedBy', { name: printed.printedBy, time: localTime(lang, printed.printedAt) }) }),
      h('p', { class: 'muted small', text: t('printedAudited') }),
    ),
  );
};

/** `fresh`: the route was just entered, so this is a new print (and a new record of it). */
export const caseRecordView = (ctx: Ctx, verificationId: string, fresh: boolean) => {
  const { t } = ctx.i18n;
  if (fresh || !state || state.verificationId !== verificationId || state.viewer !== ctx.session.sub)
    state = { verificationId, viewer: ctx.session.sub, loading: false };
  const current = state;
  if (!current.printed && !current.error && !current.loading) void load(ctx, current);
  const customerId = current.verification?.customerId;
  return h(
    'div',
    {},
    h(
      'div',
      { class: 'actions no-print' },
      h('a', {
        class: 'back',
        href: customerId ? `#/customers/${encodeURIComponent(customerId)}` : '#/',
        text: customerId ? t('backToCustomer') : t('back'),
      }),
      current.verification
        ? h('button', {
            type: 'button',
            'data-key': 'print-now',
            'data-testid': 'print-now',
            text: t('printNow'),
            on: { click: () => window.print() },
          })
        : null,
    ),
    current.error
      ? h(
          'div',
          {},
          h('h2', { tabindex: -1, 'data-route-focus': true, text: t('printCaseRecord') }),
          errorBlock(ctx, current.error, 'case-record-error'),
        )
      : (recordOf(ctx, current) ?? h('p', { class: 'muted', role: 'status', text: t('loading') })),
  );
};
