// The console's words, gathered from the `*.words.ts` files beside the views into one dictionary per
// console language (locales.ts) for the translator; and the vocabularies' labels, re-exported.
import { appWords } from './app.words';
import { auditWords } from './audit.words';
import { byLocale, type Repeated } from './locales';
import { approvalsWords } from './views/approvals.words';
import { auditTrailWords } from './views/audit-trail.words';
import { caseRecordWords } from './views/case-record.words';
import { customerWords } from './views/customer.words';
import { disableWords } from './views/disable.words';
import { handoffWords } from './views/handoff.words';
import { reEnrollWords } from './views/re-enroll.words';
import { searchWords } from './views/search.words';
import { securityWords } from './views/security.words';
import { securityLimitsWords } from './views/security-limits.words';
import { recoveryDelayWords } from './views/recovery-delay.words';
import { signInWords } from './views/sign-in.words';
import { triageWords } from './views/triage.words';
import { verificationWords } from './views/verification.words';
import { commonWords, outcomeWords, twoFactorWords, verificationStatusWords } from './words';
import { triageSayWords } from './vocabulary.words';

export { actorLabels, auditSentences, eventLabels, notificationKindLabels } from './audit.words';
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

type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (
  intersection: infer I,
) => void
  ? I
  : never;
