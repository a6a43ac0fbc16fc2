// "This wasn't me" from a notice: every further address on file gets the reset notice with its own
// link, which works for that address only and only for that reset (NIST SP 800-63B-4 §4.6). A report
// through it cancels the pending recovery and locks it exactly as the reset email's link does; the
// security officer's release lifts it. Only the link's SHA-256 is stored, on the customer item.
import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { commitWithAudit } from '../audit/store';
import { dynamoDb, isConditionalCheckFailed, tableName } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import { config } from '../config';
import type { CustomerItem } from '../customers/customer';
import { getCustomer } from '../customers/store';
import { textSealerFor } from '../customers/text-key';
import { conflict, gone, notFound } from '../errors';
import { lockWrite } from './report';

/** The recovery lock report's `ticketPurpose` for a report through a notice's link. */
export const NOTICE_REPORT = 'NOTICE';

const TOKEN_BYTES = 32;

/**
 * `<customer id, base64url>.<256 random bits, base64url>`: the customer id finds the item, the random
 * part is the credential; the whole token is hashed, so neither half alone matches.
 */
const newNoticeToken = (customerId: string, random: Random) =>
  `${Buffer.from(customerId, 'utf8').toString('base64url')}.${random.bytes(TOKEN_BYTES).toString('base64url')}`;

const hashNotice = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const customerIdOf = (token: string) => {
  const [encoded, secret, ...rest] = token.split('.');
  if (!encoded || !secret || rest.length) return undefined;
  return Buffer.from(encoded, 'base64url').toString('utf8');
};

/**
 * The page that asks the reader to confirm the report, in the notice's language (the page has no
 * ticket to learn it from); the token stays in the fragment, out of every log.
 */
export const noticeReportUrl = (token: string, locale: string) =>
  `${config().publicBaseUrl}/enroll/#notice=${encodeURIComponent(token)}&lang=${encodeURIComponent(locale)}`;

const noticeUnknown = () =>
  notFound('NOTICE_UNKNOWN', 'This link is not valid. Use the link in the newest message we sent you.');

/**
 * One link per further address for the customer's last reset, stored before the notices go out.
 * Two writes: the map exists from the disable on, but not after a lock's release (whose notices carry
 * links too); a reset that replaced this one meanwhile refuses the second.
 */
export const issueNoticeLinks = async (
  customer: Pick<CustomerItem, 'customerId' | 'lastResetCaseId' | 'locale'>,
  addresses: readonly string[],
  deps: { clock: Clock; random: Random },
): Promise<Map<string, string>> => {
  const caseId = customer.lastResetCaseId;
  const links = new Map<string, string>();
  if (!caseId || addresses.length === 0) return links;
  const now = deps.clock.now().toISOString();
  const tokens = addresses.map((address) => ({
    address,
    token: newNoticeToken(customer.customerId, deps.random),
  }));
  try {
    await dynamoDb().send(
      new UpdateCommand({
        TableName: tableName('customers'),
        Key: { customerId: customer.customerId },
        UpdateExpression: 'SET recoveryNotices = :none',
        ConditionExpression: 'attribute_exists(customerId) AND attribute_not_exists(recoveryNotices)',
        ExpressionAttributeValues: { ':none': {} },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
  // Added beside the notices a re-sent link left: each mail's link keeps working for this reset.
  await dynamoDb().send(
    new UpdateCommand({
      TableName: tableName('customers'),
      Key: { customerId: customer.customerId },
      UpdateExpression: `SET ${tokens.map((_, index) => `recoveryNotices.#n${index} = :n${index}`).join(', ')}`,
      ConditionExpression: 'lastResetCaseId = :caseId',
      ExpressionAttributeNames: Object.fromEntries(
        tokens.map(({ token }, index) => [`#n${index}`, hashNotice(token)]),
      ),
      ExpressionAttributeValues: {
        ':caseId': caseId,
        ...Object.fromEntries(
          tokens.map(({ address }, index) => [`:n${index}`, { address, caseId, issuedAt: now }]),
        ),
      },
    }),
  );
  for (const { address, token } of tokens) links.set(address, noticeReportUrl(token, customer.locale));
  return links;
};

export interface NoticeReported {
  status: 'RECOVERY_LOCKED';
  reportedAt: string;
  /** True when recovery was locked already (another address, the reset email, or this link before). */
  alreadyReported: boolean;
}

/** A parallel report (or a lock) committed first: answered from what is stored now. */
class ReportRaced extends Error {}

type Reading =
  | { kind: 'REPORT'; customer: CustomerItem; address: string; caseId: string }
  | { kind: 'ALREADY'; answer: NoticeReported };

/** What a notice link may do now: report, answer that it was done already, or its refusal. */
const readNotice = async (token: string): Promise<Reading> => {
  const customerId = customerIdOf(token);
  if (!customerId) throw noticeUnknown();
  const customer = await getCustomer(customerId, true);
  const notice = customer?.recoveryNotices?.[hashNotice(token)];
  if (!customer || !notice) throw noticeUnknown();
  // Only for that reset: a later reset (or a lock's release) is another recovery with its own notices.
  if (notice.caseId !== customer.lastResetCaseId)
    throw gone(
      'NOTICE_SUPERSEDED',
      'This message was about an earlier recovery of your account. Use the link in the newest message, or call the helpdesk.',
    );
  // Twice, or after another address: the lock stands, and nothing more is written.
  if (customer.recoveryLockedAt)
    return {
      kind: 'ALREADY',
      answer: {
        status: 'RECOVERY_LOCKED',
        reportedAt: customer.recoveryLockReport?.reportedAt ?? customer.recoveryLockedAt,
        alreadyReported: true,
      },
    };
  if (customer.twoFactor !== 'DISABLED')
    throw gone(
      'RECOVERY_COMPLETED',
      'Two-step verification was set up again on this account already. If that was not you, call the helpdesk now.',
    );
  return { kind: 'REPORT', customer, address: notice.address, caseId: notice.caseId };
};

/** Of parallel reports (two addresses, a double click) one locks; the others are told it is locked. */
export const reportByNotice = async (
  token: string,
  deps: { clock: Clock; random: Random },
): Promise<NoticeReported> => {
  const first = await readNotice(token);
  if (first.kind === 'ALREADY') return first.answer;
  // The address is personal data: the audit keeps it sealed with the customer's key (erasure shreds it).
  const seal = await textSealerFor(first.customer.customerId, deps);
  let fresh: Reading | undefined = first;
  try {
    const { result } = await commitWithAudit(first.customer.customerId, deps, async (append) => {
      const reading = fresh ?? (await readNotice(token));
      fresh = undefined;
      if (reading.kind === 'ALREADY') throw new ReportRaced();
      const { customer, address, caseId } = reading;
      const now = deps.clock.now();
      append({
        type: 'UNAUTHORIZED_RESET_REPORTED',
        actorType: 'customer',
        actorId: customer.customerId,
        customerId: customer.customerId,
        caseId,
        details: {
          ticketPurpose: NOTICE_REPORT,
          previousStatus: customer.twoFactor,
          reportedFrom: seal(address),
          recoveryAvailableAt: customer.recoveryAvailableAt ?? null,
        },
      });
      return {
        writes: [lockWrite(customer, { ticketPurpose: NOTICE_REPORT, caseId }, now)],
        result: { status: 'RECOVERY_LOCKED' as const, reportedAt: now.toISOString(), alreadyReported: false },
        onConflict: () => new ReportRaced(),
      };
    });
    return result;
  } catch (error) {
    if (!(error instanceof ReportRaced)) throw error;
    const now = await readNotice(token);
    if (now.kind === 'ALREADY') return now.answer;
    throw conflict('CONCURRENT_CHANGE', 'Your account changed while this report ran; open the link again.');
  }
};
