// The console's words, gathered from the `*.words.ts` files beside the views into one dictionary per
// console language (locales.ts) for the translator; the audit events' words, gathered the same way;
// and the vocabularies' labels, re-exported.
import type { AuditEventType } from '../../lib/audit/events';
import { appWords } from './app.words';
import { auditEventWords, auditWords } from './audit.words';
import { byLocale, type EventWords, type Repeated, type Words } from './locales';
import { approvalsEventWords, approvalsWords } from './views/approvals.words';
import { auditTrailWords } from './views/audit-trail.words';
import { caseRecordEventWords, caseRecordWords } from './views/case-record.words';
import { customerWords } from './views/customer.words';
import { disableEventWords, disableWords } from './views/disable.words';
import { handoffEventWords, handoffWords } from './views/handoff.words';
import { reEnrollWords } from './views/re-enroll.words';
import { searchWords } from './views/search.words';
import { securityEventWords, securityWords } from './views/security.words';
import { securityLimitsEventWords, securityLimitsWords } from './views/security-limits.words';
import { recoveryDelayEventWords, recoveryDelayWords } from './views/recovery-delay.words';
import { signInWords } from './views/sign-in.words';
import { triageEventWords, triageWords } from './views/triage.words';
import { verificationEventWords, verificationWords } from './views/verification.words';
import { commonWords, outcomeWords, twoFactorWords, verificationStatusWords } from './words';
import { triageSayWords } from './vocabulary.words';

export { actorLabels, notificationKindLabels } from './audit.words';
export { errorSentences } from './errors.words';
export {
  channelLabels,
  checkFormats,
  checkLabels,
  checkShortLabels,
  noPossessionReasonLabels,
  reportedProblemLabels,
  resultLabels,
} from './vocabulary.words';

const wordSets = [
  commonWords,
  twoFactorWords,
  verificationStatusWords,
  outcomeWords,
  appWords,
  auditWords,
  signInWords,
  searchWords,
  customerWords,
  triageWords,
  triageSayWords,
  verificationWords,
  disableWords,
  handoffWords,
  reEnrollWords,
  caseRecordWords,
  auditTrailWords,
  approvalsWords,
  securityWords,
  securityLimitsWords,
  recoveryDelayWords,
] as const;

// One key, one text: a key two files define fails to compile here, naming the key.
const eachKeyOnce: Repeated<typeof wordSets> extends never ? true : Repeated<typeof wordSets> = true;
void eachKeyOnce;

// Object.assign types its result as any; it holds every set's keys, each with its own texts.
const allWords = Object.assign({}, ...wordSets) as UnionToIntersection<(typeof wordSets)[number]>;

export type MessageKey = keyof typeof allWords;

export const messages = byLocale(allWords);

/** Each audit event's words: beside the view whose button writes it, else in audit.words.ts. */
const eventWordSets = [
  auditEventWords,
  triageEventWords,
  verificationEventWords,
  disableEventWords,
  handoffEventWords,
  approvalsEventWords,
  caseRecordEventWords,
  securityEventWords,
  securityLimitsEventWords,
  recoveryDelayEventWords,
] as const;

// One event, one place for its words: an event two files word fails to compile here, naming it.
const eachEventOnce: Repeated<typeof eventWordSets> extends never ? true : Repeated<typeof eventWordSets> =
  true;
void eachEventOnce;

type WordedEvent = keyof UnionToIntersection<(typeof eventWordSets)[number]>;
// Every event needs its words: a new event fails to compile here, naming it, until the words file of
// the view whose button writes it (or audit.words.ts, for an event no button writes) has them.
const everyEventWorded: Exclude<AuditEventType, WordedEvent> extends never
  ? true
  : Exclude<AuditEventType, WordedEvent> = true;
void everyEventWorded;

const eventWords = Object.assign({}, ...eventWordSets) as Record<AuditEventType, EventWords>;
const wordsOfEvents = (facet: keyof EventWords) =>
  Object.fromEntries(
    Object.entries(eventWords).map(([type, words]) => [type, (words as EventWords)[facet]]),
  ) as Words<AuditEventType>;

/** Each event as the tables name it. */
export const eventLabels = byLocale(wordsOfEvents('label'));

/** Each event as a sentence (the audit table, the case record): audit-sentences.ts fills it. */
export const auditSentences = byLocale(wordsOfEvents('sentence'));

type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (
  intersection: infer I,
) => void
  ? I
  : never;
