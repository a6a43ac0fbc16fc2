// Audit events in the UI language: one sentence per event from its details (never raw JSON), and
// times in the browser's own time zone with the date and the zone's name.
import { auditEvents, type AuditEventType, type SealedField } from '../../lib/audit/events';
import type { NotificationKind } from '../../lib/notify/templates';
import type { CheckResult, CheckType, NoPossessionReason } from '../../lib/verification/schemas';
import type { ReportedProblem } from '../../lib/verification/vocabulary';
import { h } from '../shared/dom';
import type { ConsoleLocale } from './locales';
import type { StaffAuditEvent } from '../../lib/audit/staff-event-schema';
import type { Ctx, MessageKey } from './context';
import {
  actorLabels,
  auditSentences,
  channelLabels,
  messages,
  checkLabels,
  noPossessionReasonLabels,
  notificationKindLabels,
  reportedProblemLabels,
  resultLabels,
} from './messages';

/** "30-11-2026 14:02 CET" (nl) / "30/11/2026 14:02 CET" (en), in the browser's time zone. */
export const localTime = (lang: ConsoleLocale, iso: string) => {
  const parts = new Intl.DateTimeFormat(messages[lang].dateLocale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value ?? '';
  const separator = parts.find((item) => item.type === 'literal')?.value ?? '-';
  const date = [part('day'), part('month'), part('year')].join(separator);
  return `${date} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`.trim();
};

/** "14:02 CET": a time of today (a code's or a session's expiry), with the zone as localTime names it. */
export const localClock = (lang: ConsoleLocale, iso: string) => {
  const parts = new Intl.DateTimeFormat(messages[lang].dateLocale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${part('timeZoneName')}`.trim();
};

/** The browser's time zone by name, e.g. Europe/Amsterdam. */
export const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Who did it, as the tables show it: "medewerker agent-cees". A security officer's decision says so
 * (the contract's actorType stays admin; details.actorRole tells), and the login service is named
 * without its role ARN, which stays in the title for whoever needs it.
 */
export const actorCell = (ctx: Ctx, event: Pick<StaffAuditEvent, 'actorType' | 'actorId' | 'details'>) => {
  const { t, lang } = ctx.i18n;
  if ((event.details as Record<string, unknown>).actorRole === 'security')
    return h('td', { class: 'actor', text: `${t('actorRoleSecurity')} ${event.actorId}` });
  if (event.actorType === 'service')
    return h('td', { class: 'actor', title: event.actorId, text: actorLabels[lang].service });
  return h('td', {
    class: 'actor',
    text: `${actorLabels[lang][event.actorType] ?? event.actorType} ${event.actorId}`,
  });
};

/** A message key built from data, used only when the dictionary has it. */
const known = (key: string): MessageKey | undefined => (key in messages.nl ? (key as MessageKey) : undefined);

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const count = (value: unknown) => (typeof value === 'number' ? String(value) : '?');

/**
 * The words of every sealed field an event names (lib/audit/events.ts), and the placeholder the opened
 * text fills: a new field fails tsc here.
 */
const sealedFieldWords = {
  reason: { key: 'as_reason', placeholder: 'reason' },
  note: { key: 'as_note', placeholder: 'note' },
  address: { key: 'as_sentToFurther', placeholder: 'address' },
  reportedFrom: { key: 'as_reportedFrom', placeholder: 'address' },
} as const satisfies Record<SealedField, { key: MessageKey; placeholder: string }>;

/** The words for one event; `caseLabel` turns a verification id into its case number where known. */
export const eventSentence = (
  ctx: Ctx,
  event: StaffAuditEvent,
  caseLabel: (verificationId: string) => string,
): string => {
  const { t, lang } = ctx.i18n;
  const details = event.details as Record<string, unknown>;
  const caseId = event.caseId ?? text(details.verificationId);
  const time = (value: unknown) => (typeof value === 'string' ? localTime(lang, value) : '?');
  const values: Record<string, string> = {
    actor: event.actorId,
    case: text(details.caseNumber) ?? (caseId ? caseLabel(caseId) : '—'),
    check: checkLabels[lang][details.check as CheckType] ?? String(details.check ?? '?'),
    result: (
      resultLabels[lang][details.result as CheckResult] ?? String(details.result ?? '?')
    ).toLowerCase(),
    channel: (
      channelLabels[lang][details.channel as 'phone'] ?? String(details.channel ?? '?')
    ).toLowerCase(),
    status: ((key) => (key ? t(key) : String(details.previousStatus ?? '?')))(
      known(`vstatus_${String(details.previousStatus)}`),
    ),
    kind: notificationKindLabels[lang][details.kind as NotificationKind] ?? String(details.kind ?? '?'),
    attempts: count(details.attempts),
    outcome: t(details.outcome === 'PASSED' ? 'outcome_PASSED' : 'outcome_FAILED'),
    time: time(details.lockedUntil ?? details.expiresAt),
    left: count(details.backupCodesLeft ?? details.attemptsLeft),
    count: count(
      details.checksRecorded ??
        details.sentCount ??
        details.sendsIn24h ??
        details.consecutiveFailures ??
        details.backupCodes,
    ),
    fields: [
      details.emailChanged === true ? t('as_field_email') : null,
      details.nameChanged === true ? t('as_field_name') : null,
      details.privilegedChanged === true
        ? t('as_field_privileged', {
            before: t(details.privilegedBefore === true ? 'as_yes' : 'as_no'),
            after: t(details.privilegedAfter === true ? 'as_yes' : 'as_no'),
          })
        : null,
      details.notificationEmailsChanged === true ? t('as_field_notificationEmails') : null,
      details.phoneNumbersChanged === true ? t('as_field_phoneNumbers') : null,
    ]
      .filter(Boolean)
      .join(', '),
  };
  const stated = auditSentences[lang][event.type as AuditEventType].replace(
    /\{(\w+)\}/g,
    (whole, name: string) => values[name] ?? whole,
  );
  const sentence = details.noted === true ? `${stated} ${t('as_withNote')}` : stated;
  const clauses: string[] = [];
  const problem = reportedProblemLabels[lang][details.reportedProblem as ReportedProblem];
  if (event.type === 'HELPDESK_TRIAGE_RECORDED' && typeof details.advice === 'string') {
    const yesNo = (value: unknown) => t(value === true ? 'triageYes' : 'triageNo').toLowerCase();
    const answers = t('triageHistory', {
      problem: problem ?? '—',
      // Not asked under a recovery lock (the advice is VERIFY whatever the caller holds).
      app:
        details.oldAuthenticatorWorks === undefined
          ? t('triageNotAsked')
          : yesNo(details.oldAuthenticatorWorks),
      // Asked only of a customer with a passkey on file, so said only when asked.
      passkey:
        details.passkeyWorks === undefined
          ? ''
          : t('triageHistoryPasskey', { answer: yesNo(details.passkeyWorks) }),
      codes:
        details.backupCodesAvailable === undefined
          ? t('triageNotAsked')
          : yesNo(details.backupCodesAvailable),
      advice: t(details.advice === 'SELF_SERVICE' ? 'triageAdvice_SELF_SERVICE' : 'triageAdvice_VERIFY'),
    });
    clauses.push(details.guideEmailed === true ? `${answers} · ${t('triageGuideMailed')}` : answers);
  } else if (problem) clauses.push(t('as_problem', { problem }));
  if (details.purpose === 'RECOVERY_LOCK_RELEASE' && event.type === 'VERIFICATION_STARTED')
    clauses.push(t('as_forRelease'));
  const waived = noPossessionReasonLabels[lang][details.withoutPossessionProof as NoPossessionReason];
  if (waived) clauses.push(t('as_withoutProof', { why: waived }));
  if (Array.isArray(details.approvalReasons) && details.approvalReasons.length)
    clauses.push(
      t('as_secondAdmin', {
        reasons: details.approvalReasons
          .map((reason) => {
            const key = known(`approvalReason_${String(reason)}`);
            return key ? t(key) : String(reason);
          })
          .join(', '),
      }),
    );
  if (typeof details.requestedBy === 'string' && typeof details.approvedBy === 'string')
    clauses.push(t('as_requestedApproved', { requester: details.requestedBy, approver: details.approvedBy }));
  if (typeof details.verifiedBy === 'string' && details.verifiedBy !== event.actorId)
    clauses.push(t('as_verifiedBy', { name: details.verifiedBy }));
  if (details.countedAsFailed === true) clauses.push(t('as_countedAsFailed'));
  if (typeof details.cooldownUntil === 'string')
    clauses.push(t('as_cooldown', { time: time(details.cooldownUntil) }));
  const sealed: readonly SealedField[] = auditEvents[event.type as AuditEventType]?.sealed ?? [];
  for (const field of sealed) {
    const opened = text(details[field]);
    const { key, placeholder } = sealedFieldWords[field];
    if (opened) clauses.push(t(key, { [placeholder]: opened }));
  }
  // A reason that is no staff text: the code of a failed send or of a removal.
  if (!sealed.includes('reason') && typeof details.reason === 'string' && details.reason)
    clauses.push(
      event.type === 'RESET_EMAIL_FAILED' || event.type === 'NOTIFICATION_FAILED'
        ? t('as_failedReason', { reason: details.reason })
        : t('as_reason', { reason: details.reason }),
    );
  if (details.final === true) clauses.push(t('as_finalFailure'));
  return clauses.length ? `${sentence}; ${clauses.join('; ')}` : sentence;
};
