// The words of the approvals view (views/approvals.ts), every console language side by side.
import type { AuditEventType } from '../../../lib/audit/events';
import type { EventWords, Words } from '../locales';

export const approvalsWords = {
  approvalsTitle: { nl: 'Wachtende goedkeuringen', en: 'Pending approvals' },
  approvalsIntro: {
    nl: 'Uitschakelingen die een tweede admin nodig hebben. U kunt niet goedkeuren wat u zelf aanvroeg of verifieerde.',
    en: 'Disables that need a second admin. You cannot approve what you requested or verified yourself.',
  },
  approvalsNone: { nl: 'Er wachten geen goedkeuringen.', en: 'No approvals are waiting.' },
  colRequestedBy: { nl: 'Aangevraagd door', en: 'Requested by' },
  colVerifiedBy: { nl: 'Geverifieerd door', en: 'Verified by' },
  colReason: { nl: 'Reden', en: 'Reason' },
  colWhy: { nl: 'Waarom een tweede admin', en: 'Why a second admin' },
  colExpires: { nl: 'Verloopt', en: 'Expires' },
  colAction: { nl: 'Actie', en: 'Action' },
  approve: { nl: 'Goedkeuren…', en: 'Approve…' },
  confirmApproveTitle: { nl: 'Uitschakeling van 2FA goedkeuren?', en: 'Approve disabling 2FA?' },
  confirmApproveBody: {
    nl: '2FA van {customer} wordt uitgeschakeld en uw goedkeuring wordt vastgelegd. Reden van {requester}: “{reason}”',
    en: '2FA of {customer} will be disabled and your approval is recorded. Reason given by {requester}: “{reason}”',
  },
  confirmApproveYes: { nl: 'Ja, goedkeuren', en: 'Yes, approve' },
  approved: {
    nl: 'Goedgekeurd: 2FA van {customer} is uitgeschakeld.',
    en: 'Approved: 2FA of {customer} is disabled.',
  },
  reject: { nl: 'Afwijzen…', en: 'Reject…' },
  rejectTitle: { nl: 'Uitschakeling voor {customer} afwijzen?', en: 'Reject the disable for {customer}?' },
  rejectBody: {
    nl: 'Het verzoek van {requester} vervalt en de verificatie is daarna niet meer bruikbaar. De aanvrager ziet uw reden.',
    en: 'The request of {requester} ends and the verification can no longer be used. The requester sees your reason.',
  },
  rejectReason: {
    nl: 'Reden van afwijzing (komt in het audit-logboek)',
    en: 'Reason for rejecting (goes into the audit log)',
  },
  rejectYes: { nl: 'Ja, afwijzen', en: 'Yes, reject' },
  rejected: {
    nl: 'Afgewezen: het verzoek voor {customer} is beëindigd; de verificatie is niet meer bruikbaar.',
    en: 'Rejected: the request for {customer} has ended; the verification can no longer be used.',
  },
  ownRequestNote: {
    nl: 'U vroeg dit zelf aan; een andere admin beslist erover.',
    en: 'You requested this yourself; another admin decides on it.',
  },
  ownVerificationNote: {
    nl: 'U verifieerde deze klant zelf; een andere admin keurt goed.',
    en: 'You verified this caller yourself; another admin approves.',
  },
  colRequestedAt: { nl: 'Aangevraagd', en: 'Requested' },
  colPassedAt: { nl: 'Geslaagd', en: 'Passed' },
  colTimeLeft: { nl: 'Nog bruikbaar', en: 'Usable for' },
  colNotes: { nl: 'Let op', en: 'Note' },
  checksMatched: { nl: 'komt overeen: {checks}', en: 'matched: {checks}' },
  checksNotMatched: { nl: 'niet bevestigd: {checks}', en: 'not confirmed: {checks}' },
  checksWithoutProof: { nl: 'zonder bezitsbewijs: {reason}', en: 'without possession proof: {reason}' },
  timeLeft: { nl: 'nog {minutes} min (tot {time})', en: '{minutes} min left (until {time})' },
  readyTitle: { nl: 'Klaar voor een admin', en: 'Ready for an admin' },
  readyIntro: {
    nl: 'Geslaagde verificaties die nog niemand gebruikte, nieuwste eerst. Een verificatie is 30 minuten na het slagen bruikbaar (standaardbeleid); daarna moet de klant opnieuw geverifieerd worden.',
    en: 'Passed verifications nobody has used yet, newest first. A verification is usable for 30 minutes after it passed (default policy); after that the caller must be verified again.',
  },
  readyNone: { nl: 'Er wachten geen geslaagde verificaties.', en: 'No passed verifications are waiting.' },
  readyOpen: { nl: 'Klant openen', en: 'Open customer' },
  readyDisable: { nl: '2FA uitschakelen…', en: 'Disable 2FA…' },
  readyWithoutProof: {
    nl: 'Zonder bezitsbewijs: een tweede admin moet goedkeuren.',
    en: 'Without possession proof: a second admin must approve.',
  },
  readyOwnVerification: {
    nl: 'U verifieerde dit zelf; een andere admin schakelt uit.',
    en: 'You verified this yourself; another admin disables.',
  },
  colCustomerCase: { nl: 'Klant en zaak', en: 'Customer and case' },
  colRequest: { nl: 'Aanvraag', en: 'Request' },
  colChecksAndReason: { nl: 'Controles en reden', en: 'Checks and reason' },
} satisfies Words;

/** The audit events this view's buttons write, as the audit trail, the case record and the security case show them. */
export const approvalsEventWords = {
  TWO_FA_DISABLE_REJECTED: {
    label: { nl: 'Uitschakeling afgewezen door tweede admin', en: 'Disable rejected by a second admin' },
    sentence: {
      nl: 'Uitschakeling afgewezen door {actor}, zaak {case}',
      en: 'Disable rejected by {actor}, case {case}',
    },
  },
} satisfies Partial<Record<AuditEventType, EventWords>>;
