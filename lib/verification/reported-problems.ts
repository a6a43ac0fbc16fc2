// The manual's "Klant Meldt" list: what the caller reports. One vocabulary for the schema, the
// session, the audit and the console.
export const reportedProblems = [
  'CANNOT_LOG_IN',
  'PHONE_LOST',
  'APP_BROKEN',
  'BACKUP_CODES_LOST',
  'NEW_PHONE',
] as const;
export type ReportedProblem = (typeof reportedProblems)[number];
