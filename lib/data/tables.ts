// The DynamoDB table definitions: one source for the CDK stack and for the local stack's CreateTable calls.

export type AttributeType = 'S' | 'N';
export interface KeyAttribute<Name extends string = string> {
  name: Name;
  type: AttributeType;
}
/**
 * A global secondary index. DynamoDB cannot change an index's key schema or projection in place: a
 * changed index is a new index (add it, deploy, move the readers, drop the old one in a second deploy).
 * test/data/indexes.test.ts holds every index against lib/data/deployed-indexes.json for that reason.
 */
export interface IndexDefinition<Attribute extends string = string> {
  indexName: string;
  partitionKey: KeyAttribute<Attribute>;
  sortKey?: KeyAttribute<Attribute>;
  /** Non-key attributes copied into the index; omitted means ALL. */
  include?: Attribute[];
}
export interface TableDefinition {
  /** Name of the table in the local stack and the CloudFormation logical id. */
  baseName: string;
  /** Environment variable that carries the deployed table name into every function. */
  envVar: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  indexes?: IndexDefinition[];
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes the item some time after it. */
  timeToLiveAttribute?: string;
  stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
  /** What the table is for, printed by tooling and used as the table's description. */
  purpose: string;
}

export const tables = {
  customers: {
    baseName: 'Customers',
    envVar: 'CUSTOMERS_TABLE',
    partitionKey: { name: 'customerId', type: 'S' },
    indexes: [
      { indexName: 'byEmail', partitionKey: { name: 'emailKey', type: 'S' }, include: ['customerId'] },
      // Sparse: only customers under a "this wasn't me" lock carry recoveryLockFlag (the security queue).
      {
        indexName: 'recoveryLocks',
        partitionKey: { name: 'recoveryLockFlag', type: 'S' },
        sortKey: { name: 'recoveryLockedAt', type: 'S' },
        include: [
          'fullName',
          'email',
          'companyName',
          'recoveryLockCaseId',
          'recoveryLockReport',
          'recoveryLockReview',
        ],
      },
      // Sparse: only customers whose cooldown or spent daily budget limits recovery carry
      // recoveryLimitFlag; the sort key is when the last limit runs out, so the queue reads only live ones.
      {
        indexName: 'recoveryLimits',
        partitionKey: { name: 'recoveryLimitFlag', type: 'S' },
        sortKey: { name: 'recoveryLimitedUntil', type: 'S' },
        include: [
          'fullName',
          'email',
          'companyName',
          'verificationCooldownUntil',
          'verificationFailureStreak',
          'lastFailedVerificationAt',
          'emailCodeSentAt',
          'selfServiceGuideSentAt',
        ],
      },
    ],
    purpose:
      'Customer records synced by the login service, 2FA state, encrypted TOTP secret, hashed backup codes',
  },
  customerSearch: {
    baseName: 'CustomerSearch',
    envVar: 'CUSTOMER_SEARCH_TABLE',
    partitionKey: { name: 'prefix', type: 'S' },
    sortKey: { name: 'term', type: 'S' },
    purpose: 'Normalized name and email terms for prefix search without scanning Customers',
  },
  verifications: {
    baseName: 'Verifications',
    envVar: 'VERIFICATIONS_TABLE',
    partitionKey: { name: 'verificationId', type: 'S' },
    indexes: [
      {
        indexName: 'byCustomer',
        partitionKey: { name: 'customerId', type: 'S' },
        sortKey: { name: 'startedAt', type: 'S' },
      },
      // No reader since the velocity limits count in their own table (lib/velocity): byAgent and byUser
      // are deployed, so they go in a second deploy (update deployed-indexes.json then).
      {
        indexName: 'byAgent',
        partitionKey: { name: 'agentId', type: 'S' },
        sortKey: { name: 'completedAt', type: 'S' },
        include: ['outcome'],
      },
      {
        indexName: 'byUser',
        partitionKey: { name: 'usedBy', type: 'S' },
        sortKey: { name: 'usedAt', type: 'S' },
        include: ['customerId'],
      },
      // The admins' hand-off list: passed sessions by completion time, read only within the window in
      // which a pass can still serve a disable (lib/verification/ready.ts), so the read stays bounded.
      {
        indexName: 'byOutcome',
        partitionKey: { name: 'outcome', type: 'S' },
        sortKey: { name: 'completedAt', type: 'S' },
        include: ['customerId', 'agentId', 'caseNumber', 'status', 'purpose', 'withoutPossessionProof'],
      },
    ],
    timeToLiveAttribute: 'expiresAtEpoch',
    purpose: 'Helpdesk verification sessions with their checks (match flags and keyed hashes only)',
  },
  auditEvents: {
    baseName: 'AuditEvents',
    envVar: 'AUDIT_EVENTS_TABLE',
    partitionKey: { name: 'subject', type: 'S' },
    sortKey: { name: 'seq', type: 'N' },
    stream: 'NEW_IMAGE',
    purpose: 'Append-only, hash-chained audit trail per customer; its stream is the notification outbox',
  },
  tickets: {
    baseName: 'EnrollmentTickets',
    envVar: 'TICKETS_TABLE',
    partitionKey: { name: 'ticketHash', type: 'S' },
    indexes: [
      {
        indexName: 'byCustomer',
        partitionKey: { name: 'customerId', type: 'S' },
        sortKey: { name: 'createdAt', type: 'S' },
      },
    ],
    timeToLiveAttribute: 'expiresAtEpoch',
    purpose: 'Enrollment tickets, stored only as SHA-256 of the ticket, single use',
  },
  idempotency: {
    baseName: 'IdempotencyKeys',
    envVar: 'IDEMPOTENCY_TABLE',
    partitionKey: { name: 'idempotencyKey', type: 'S' },
    // Erasure finds a customer's records (and those of its approvals) here (lib/idempotency/store.ts).
    indexes: [
      { indexName: 'bySubject', partitionKey: { name: 'subject', type: 'S' }, include: ['createdAt'] },
    ],
    timeToLiveAttribute: 'expiresAtEpoch',
    purpose: 'Idempotency-Key records of state-changing admin requests and their stored answers',
  },
  notifications: {
    baseName: 'Notifications',
    envVar: 'NOTIFICATIONS_TABLE',
    partitionKey: { name: 'eventId', type: 'S' },
    indexes: [
      // Sparse: only unsettled entries carry pendingFlag, so the outbox reconciliation reads the backlog.
      {
        indexName: 'pending',
        partitionKey: { name: 'pendingFlag', type: 'S' },
        sortKey: { name: 'pendingSince', type: 'S' },
        include: ['auditSubject', 'auditSeq', 'status', 'kind', 'updatedAt'],
      },
    ],
    timeToLiveAttribute: 'expiresAtEpoch',
    purpose:
      'Outbox ledger: one item per audit event that triggers an email, so redelivery sends nothing twice',
  },
  eventPublications: {
    baseName: 'EventPublications',
    envVar: 'EVENT_PUBLICATIONS_TABLE',
    partitionKey: { name: 'eventId', type: 'S' },
    indexes: [
      // Sparse: only events not yet on the bus carry these, so the reconciliation reads the backlog and
      // the publisher finds a customer's earlier unpublished events (to publish them first).
      {
        indexName: 'unpublished',
        partitionKey: { name: 'pendingFlag', type: 'S' },
        sortKey: { name: 'pendingSince', type: 'S' },
        include: ['auditSubject', 'auditSeq', 'status', 'updatedAt'],
      },
      {
        indexName: 'unpublishedByCustomer',
        partitionKey: { name: 'unpublishedCustomer', type: 'S' },
        sortKey: { name: 'auditSeq', type: 'N' },
        include: ['auditSubject', 'status', 'updatedAt'],
      },
    ],
    timeToLiveAttribute: 'expiresAtEpoch',
    purpose:
      'Event outbox: one item per audit event that changes authentication state, so the bus gets each once',
  },
  approvals: {
    baseName: 'Approvals',
    envVar: 'APPROVALS_TABLE',
    partitionKey: { name: 'approvalId', type: 'S' },
    indexes: [
      {
        indexName: 'pending',
        partitionKey: { name: 'pendingFlag', type: 'S' },
        sortKey: { name: 'createdAt', type: 'S' },
      },
      // Erasure finds a customer's approvals (their free-text reason) without a scan.
      {
        indexName: 'byCustomer',
        partitionKey: { name: 'customerId', type: 'S' },
        sortKey: { name: 'createdAt', type: 'S' },
        include: ['approvalId'],
      },
    ],
    timeToLiveAttribute: 'expiresAtEpoch',
    purpose: 'Pending maker-checker approvals of a 2FA disable',
  },
  velocity: {
    baseName: 'VelocityWindows',
    envVar: 'VELOCITY_WINDOWS_TABLE',
    partitionKey: { name: 'counterId', type: 'S' },
    timeToLiveAttribute: 'expiresAtEpoch',
    purpose:
      "Velocity limits: the times of each admin's disables, all disables and each agent's passes, per hour, by staff id only",
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof tables;
export const tableKeys = Object.keys(tables) as TableKey[];

/**
 * The item type each table with indexes stores, registered beside that type by its concept
 * (`declare module '../data/tables' { interface IndexedItems { … } }`), so this lower layer imports
 * nothing from above it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface IndexedItems {}

type TablesWithIndexes = {
  [K in TableKey]: (typeof tables)[K] extends { indexes: readonly unknown[] } ? K : never;
}[TableKey];

type IndexesOfItems = {
  [K in TablesWithIndexes]: K extends keyof IndexedItems
    ? { indexes: readonly IndexDefinition<Extract<keyof IndexedItems[K], string>>[] }
    : { indexes: never; missing: `register the item type of table '${K}' in IndexedItems` };
};

/**
 * Checked by tsc, nothing runs: every attribute an index keys on or includes is a field of the item
 * type it indexes, so renaming that field names this place (and a table with indexes whose item type
 * is not registered fails here too).
 */
const indexesMatchTheirItems = (definitions: IndexesOfItems) => definitions;
indexesMatchTheirItems(tables);
