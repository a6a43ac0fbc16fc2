// Customers in DynamoDB: read one, and the login service's upsert with its search terms and audit.
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import { commitWithAudit } from '../audit/store';
import { conflict, notFound } from '../errors';
import type { CustomerItem } from './customer';
import { normalizeEmail, normalizeText } from './normalize';
import { distinctPhoneNumbers } from './phone-numbers';
import type { CustomerRecord } from './schemas';
import { readTogether } from '../reads';
import { claimId, idClaimHolder } from './id-claim';
import { searchTermItems, termKey, termsBeyondCap } from './search-terms';
import { erasedError, isTombstone, type CustomerTombstone } from './tombstone';

/** The Customers item as stored: a customer, or the tombstone an erasure left. */
export const readCustomerItem = async (
  customerId: string,
  consistent = false,
): Promise<CustomerItem | CustomerTombstone | undefined> => {
  const result = await dynamoDb().send(
    new GetCommand({ TableName: tableName('customers'), Key: { customerId }, ConsistentRead: consistent }),
  );
  return result.Item as CustomerItem | CustomerTombstone | undefined;
};

/** The customer, or undefined when there is none or it was erased (background work has nothing to do then). */
export const getCustomer = async (
  customerId: string,
  consistent = false,
): Promise<CustomerItem | undefined> => {
  const item = await readCustomerItem(customerId, consistent);
  return item && !isTombstone(item) ? item : undefined;
};

export const requireCustomer = async (customerId: string, consistent = false): Promise<CustomerItem> => {
  const item = await readCustomerItem(customerId, consistent);
  if (!item) throw notFound('CUSTOMER_NOT_FOUND', 'No customer with this id.');
  if (isTombstone(item)) throw erasedError();
  return item;
};

/** No version in it: every writer's `version = :v` condition fails on a tombstone, so no change racing the erasure lands after it. */
export const tombstoneOf = (customerId: string, erasedAt: string): CustomerTombstone => ({
  customerId,
  erasedAt,
});

/** Optimistic concurrency: the write only lands if nobody else wrote the customer since we read it. */
export const customerVersionCondition = (customer: CustomerItem | undefined) =>
  customer
    ? { ConditionExpression: 'version = :expectedVersion', values: { ':expectedVersion': customer.version } }
    : { ConditionExpression: 'attribute_not_exists(customerId)', values: {} };

/** Why a new id is refused whose letters another id holds: erased (the id is not used again) or taken. */
const caseTwinRefusal = async (holder: string) => {
  const item = await readCustomerItem(holder, true);
  if (item && isTombstone(item)) return erasedError();
  return conflict(
    'CUSTOMER_ID_TAKEN',
    `Customer ids ignore case here: ${holder} already holds these letters. Sync under that id or a new one.`,
  );
};

/** A record written before the search-term cap: its terms beyond it go first, one by one (search-terms.ts). */
export const dropTermsBeyondCap = async (customer: CustomerItem) => {
  for (const term of termsBeyondCap(customer))
    await dynamoDb().send(
      new DeleteCommand({ TableName: tableName('customerSearch'), Key: termKey(term, customer.customerId) }),
    );
};

const recordFields: (keyof CustomerRecord)[] = [
  'email',
  'notificationEmails',
  'phoneNumbers',
  'fullName',
  'companyName',
  'companyInfo',
  'locale',
  'privileged',
  'lastLoginAt',
  'chargePointIds',
  'lastTransaction',
];

export interface UpsertOutcome {
  created: boolean;
  emailChanged: boolean;
  customer: CustomerItem;
}

/**
 * The login service owns the record; we own 2FA state. A new customer starts with 2FA DISABLED
 * (never enrolled). An email change is remembered (emailChangedAt) because a fresh address is the
 * classic account-takeover preparation and blocks a helpdesk reset for a cooling-off period.
 */
export const upsertCustomer = async (
  customerId: string,
  record: CustomerRecord,
  actorId: string,
  deps: { clock: Clock; random: Random },
): Promise<UpsertOutcome> => {
  const { result } = await commitWithAudit(customerId, deps, async (append) => {
    const [stored, claimHolder] = await readTogether(
      readCustomerItem(customerId, true),
      idClaimHolder(customerId),
    );
    // A sync never brings an erased id back: the login service must use a new id for a returning person.
    if (stored && isTombstone(stored)) throw erasedError();
    // Nor makes a second customer of an id that differs from another only in case (docs/api.md).
    // A record synced before claims existed keeps syncing; it claims its id now if no other did.
    if (!stored && claimHolder !== undefined && claimHolder !== customerId)
      throw await caseTwinRefusal(claimHolder);
    const current = stored;
    if (current) await dropTermsBeyondCap(current);
    const now = deps.clock.now().toISOString();
    const emailKey = normalizeEmail(record.email);
    const created = current === undefined;
    const emailChanged = !created && current.emailKey !== emailKey;

    const next: CustomerItem = {
      ...(current ?? {}),
      customerId,
      ...Object.fromEntries(recordFields.map((field) => [field, record[field]])),
      email: record.email,
      fullName: record.fullName,
      locale: record.locale,
      chargePointIds: record.chargePointIds,
      phoneNumbers: distinctPhoneNumbers(record.phoneNumbers),
      emailKey,
      // Only a sync that sends the flag changes it: leaving it out must not quietly drop the
      // second-admin and email-code rules a privileged customer is under.
      privileged: record.privileged ?? current?.privileged ?? false,
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
      twoFactor: current?.twoFactor ?? 'DISABLED',
      version: (current?.version ?? 0) + 1,
      ...(emailChanged ? { emailChangedAt: now } : {}),
    };
    for (const field of recordFields) if (next[field] === undefined) delete next[field];

    if (created) {
      append({
        type: 'CUSTOMER_CREATED',
        actorType: 'service',
        actorId,
        customerId,
        details: { locale: record.locale },
      });
    } else {
      // Names and addresses are personal data: the audit keeps which of them changed, not the values.
      const nameChanged = normalizeText(current.fullName) !== normalizeText(next.fullName);
      const privilegedChanged = current.privileged !== next.privileged;
      const notificationEmailsChanged =
        (current.notificationEmails ?? []).map(normalizeEmail).sort().join(' ') !==
        (next.notificationEmails ?? []).map(normalizeEmail).sort().join(' ');
      const phoneNumbersChanged =
        [...(current.phoneNumbers ?? [])].sort().join(' ') !==
        [...(next.phoneNumbers ?? [])].sort().join(' ');
      if (
        emailChanged ||
        nameChanged ||
        privilegedChanged ||
        notificationEmailsChanged ||
        phoneNumbersChanged
      )
        append({
          type: 'CUSTOMER_RECORD_CHANGED',
          actorType: 'service',
          actorId,
          customerId,
          details: {
            emailChanged,
            nameChanged,
            privilegedChanged,
            privilegedBefore: current.privileged,
            privilegedAfter: next.privileged,
            // Where the notices of a change go is what an account takeover would redirect first.
            ...(notificationEmailsChanged ? { notificationEmailsChanged: true } : {}),
            // The call-back number is the other thing a takeover redirects; the audit never holds its digits.
            ...(phoneNumbersChanged ? { phoneNumbersChanged: true } : {}),
          },
        });
    }

    const condition = customerVersionCondition(current);
    const claims = claimHolder === undefined ? [claimId(customerId)] : [];
    const writes: TransactItem[] = [
      {
        Put: {
          TableName: tableName('customers'),
          Item: next,
          ConditionExpression: condition.ConditionExpression,
          ...(Object.keys(condition.values).length ? { ExpressionAttributeValues: condition.values } : {}),
        },
      },
      ...claims,
      ...searchTermItems(current, next),
    ];
    return {
      writes,
      result: { created, emailChanged, customer: next },
      // Two new ids of the same letters synced at once: the one whose claim lost is the case twin.
      onConflict: ([record, claim]) =>
        created && claims.length && record === 'None' && claim === 'ConditionalCheckFailed'
          ? conflict(
              'CUSTOMER_ID_TAKEN',
              'Another customer id of the same letters in another case was synced at the same time.',
            )
          : conflict('CONCURRENT_CHANGE', 'The customer changed while this request ran; send it again.'),
    };
  });
  return result;
};
