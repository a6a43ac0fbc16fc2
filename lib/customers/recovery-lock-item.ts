// How a "this wasn't me" recovery lock sits on the customer item: the attributes the report sets and
// the release removes, and the value of the sparse index key that puts the customer in the queue.

/** recoveryLockFlag's only value; the attribute exists only while recovery is locked. */
export const recoveryLockFlag = 'LOCKED' as const;

/** What a release REMOVEs besides the credentials: nothing of the lock outlives it. */
export const recoveryLockAttributes = [
  'recoveryLockedAt',
  'recoveryLockFlag',
  'recoveryLockCaseId',
  'recoveryLockReport',
  'recoveryLockReview',
] as const;
