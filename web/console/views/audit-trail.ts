// The customer's audit trail on the customer page: every event as a sentence in the UI language and
// local time, paged through the whole history, and narrowed to one case (its case number).
import { h } from '../../shared/dom';
import type { StaffAuditEvent } from '../../../lib/audit/staff-event-schema';
import type { CustomerProfile } from '../../../lib/staff-views/api';
import { actorCell, localTime, localZone, eventSentence } from '../audit-sentences';
import { errorBlock, type Ctx, type ErrorInfo } from '../context';
import { eventLabels } from '../messages';

export interface AuditTrailState {
  events: StaffAuditEvent[];
  nextCursor: string | null;
  /** The verification id of the case the table is narrowed to; undefined for every event. */
  caseId?: string;
  loaded: boolean;
  busy: boolean;
  /** A reload asked for while a page was on its way: it runs once that page is in. */
  reloadWanted?: boolean;
  error?: ErrorInfo;
}

export const emptyAuditTrail = (): AuditTrailState => ({
  events: [],
  nextCursor: null,
  loaded: false,
  busy: false,
});

// The profile's page size, so the table starts as it always did.
const PAGE_SIZE = 25;

/**
 * The first page (again), or with `more` the next one after what is shown. `render: false` when the
 * caller renders once itself (the customer page loads it together with the profile).
 */
export const loadAuditPage = async (
  ctx: Ctx,
  customerId: string,
  trail: AuditTrailState,
  options: { more?: boolean; focus?: string; render?: boolean } = {},
): Promise<boolean> => {
  const more = options.more === true;
  if (trail.busy) {
    // An action appended events while the table was loading: what is on its way may predate them.
    if (!more) trail.reloadWanted = true;
    return false;
  }
  if (more && !trail.nextCursor) return false;
  trail.busy = true;
  const caseId = trail.caseId;
  let loaded = false;
  try {
    const response = await ctx.request('GET /admin/customers/{customerId}/audit-events', {
      params: { customerId },
      query: {
        limit: PAGE_SIZE,
        caseId: trail.caseId || undefined,
        cursor: more ? (trail.nextCursor ?? undefined) : undefined,
      },
    });
    // The filter changed while this page was on its way: its answer belongs to the old table (the
    // render below starts the new one).
    if (trail.caseId === caseId) {
      trail.events = more ? [...trail.events, ...response.body.events] : response.body.events;
      trail.nextCursor = response.body.nextCursor;
      trail.loaded = true;
      trail.error = undefined;
      loaded = true;
    }
  } catch (error) {
    trail.error = ctx.errorInfo(error);
  } finally {
    trail.busy = false;
  }
  if (trail.reloadWanted) {
    trail.reloadWanted = false;
    return loadAuditPage(ctx, customerId, trail, { focus: options.focus, render: options.render });
  }
  if (options.render !== false) ctx.render(options.focus);
  return loaded;
};

/** Every remaining page, one after another (a long history is still read a bounded page at a time). */
const loadAll = async (ctx: Ctx, customerId: string, trail: AuditTrailState) => {
  while (
    trail.nextCursor &&
    (await loadAuditPage(ctx, customerId, trail, { more: true, focus: 'audit-load-all' }))
  ) {
    // one page after another until the last
  }
};

/** The customer's cases, newest first: from the sessions the profile lists and the events seen so far. */
export const casesOf = (profile: CustomerProfile, events: StaffAuditEvent[]) => {
  const cases = new Map<string, { caseNumber: string | null; startedAt: string }>();
  for (const item of profile.recentVerifications)
    cases.set(item.verificationId, { caseNumber: item.caseNumber, startedAt: item.startedAt });
  for (const event of events) {
    if (event.type !== 'VERIFICATION_STARTED' || !event.caseId || cases.has(event.caseId)) continue;
    const caseNumber = (event.details as Record<string, unknown>).caseNumber;
    cases.set(event.caseId, {
      caseNumber: typeof caseNumber === 'string' ? caseNumber : null,
      startedAt: event.at,
    });
  }
  return [...cases.entries()]
    .map(([verificationId, item]) => ({ verificationId, ...item }))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
};

export const auditTable = (ctx: Ctx, events: StaffAuditEvent[], caseLabel: (id: string) => string) => {
  const { t, lang } = ctx.i18n;
  const th = (key: Parameters<typeof t>[0]) => h('th', { scope: 'col', text: t(key) });
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { 'data-testid': 'events-table' },
      h('thead', {}, h('tr', {}, th('colTime'), th('colEvent'), th('colActor'), th('colDetails'))),
      h(
        'tbody',
        {},
        ...events.map((event) =>
          h(
            'tr',
            { 'data-type': event.type, 'data-seq': event.seq, 'data-case': event.caseId ?? '' },
            h('td', { class: 'time', text: localTime(lang, event.at) }),
            h('td', { text: eventLabels[lang][event.type] ?? event.type }),
            actorCell(ctx, event),
            h('td', { class: 'details', text: eventSentence(ctx, event, caseLabel) }),
          ),
        ),
      ),
    ),
  );
};

export const auditTrailSection = (
  ctx: Ctx,
  customerId: string,
  profile: CustomerProfile,
  trail: AuditTrailState,
) => {
  const { t } = ctx.i18n;
  if (!trail.loaded && !trail.busy && !trail.error) void loadAuditPage(ctx, customerId, trail);
  const cases = casesOf(profile, trail.events);
  const numbers = new Map(cases.map((item) => [item.verificationId, item.caseNumber]));
  const caseLabel = (verificationId: string) => numbers.get(verificationId) ?? verificationId;
  const selectId = 'audit-case-filter';
  return h(
    'div',
    { 'data-testid': 'audit-trail' },
    h('h4', { text: t('recentEvents') }),
    h(
      'div',
      { class: 'inline-form no-print' },
      h('label', { for: selectId, text: t('auditFilterCase') }),
      h(
        'select',
        {
          id: selectId,
          'data-key': 'audit-case',
          'data-testid': 'audit-case',
          on: {
            change: (event) => {
              const value = (event.target as HTMLSelectElement).value;
              trail.caseId = value || undefined;
              trail.events = [];
              trail.nextCursor = null;
              trail.loaded = false;
              void loadAuditPage(ctx, customerId, trail, { focus: 'audit-case' });
            },
          },
        },
        h('option', { value: '', text: t('auditFilterAll') }),
        ...cases.map((item) =>
          h('option', {
            value: item.verificationId,
            selected: item.verificationId === trail.caseId,
            text: `${item.caseNumber ?? item.verificationId} · ${localTime(ctx.i18n.lang, item.startedAt)}`,
          }),
        ),
      ),
      h('button', {
        type: 'button',
        class: 'secondary',
        'data-key': 'audit-refresh',
        'data-testid': 'audit-refresh',
        disabled: trail.busy,
        // Mails are sent after the action that queued them: their events come in a moment later.
        text: t('refresh'),
        on: { click: () => void loadAuditPage(ctx, customerId, trail, { focus: 'audit-refresh' }) },
      }),
    ),
    h('p', { class: 'muted small', text: t('auditTimesIn', { zone: localZone() }) }),
    errorBlock(ctx, trail.error, 'audit-error'),
    !trail.loaded
      ? h('p', { class: 'muted', role: 'status', text: t('loading') })
      : trail.events.length
        ? auditTable(ctx, trail.events, caseLabel)
        : h('p', { class: 'muted', text: t(trail.caseId ? 'auditNoneForCase' : 'noHistory') }),
    trail.loaded
      ? h('p', {
          class: 'muted small',
          role: 'status',
          'data-testid': 'audit-count',
          text: t(trail.nextCursor ? 'auditShowing' : 'auditShowingAll', { count: trail.events.length }),
        })
      : null,
    trail.nextCursor
      ? h(
          'div',
          { class: 'actions no-print' },
          h('button', {
            type: 'button',
            class: 'secondary',
            'data-key': 'older-events',
            'data-testid': 'older-events',
            disabled: trail.busy,
            text: t('olderEvents'),
            on: {
              click: () => void loadAuditPage(ctx, customerId, trail, { more: true, focus: 'older-events' }),
            },
          }),
          h('button', {
            type: 'button',
            class: 'secondary',
            'data-key': 'audit-load-all',
            'data-testid': 'audit-load-all',
            disabled: trail.busy,
            text: t('auditLoadAll'),
            on: { click: () => void loadAll(ctx, customerId, trail) },
          }),
        )
      : null,
  );
};
