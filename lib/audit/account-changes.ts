// The OCSF Account Change vocabulary (class 3001, OCSF 1.1.0): the activities and severities an audit
// event is published as. Which event is which is in its declaration (lib/audit/events.ts,
// `accountChange`), so the audit store writes the publication marker without knowing who publishes.

/** Account Change's activities (ocsf/account_change-1.1.0.json); 1.1.0 has no Unlock, so a release is Other. */
export const accountChangeActivities = {
  DELETE: { id: 6, name: 'Delete' },
  LOCK: { id: 9, name: 'Lock' },
  MFA_FACTOR_ENABLE: { id: 10, name: 'MFA Factor Enable' },
  MFA_FACTOR_DISABLE: { id: 11, name: 'MFA Factor Disable' },
  OTHER: { id: 99, name: 'Other' },
} as const;

export type AccountChangeActivity = keyof typeof accountChangeActivities;

export const severities = { INFORMATIONAL: 1, LOW: 2, MEDIUM: 3, HIGH: 4 } as const;
export type Severity = keyof typeof severities;

export interface AccountChangeMapping {
  activity: AccountChangeActivity;
  /** For OTHER: the activity's own name, as OCSF asks (activity_name carries what the id cannot). */
  activityName?: string;
  severity: Severity;
  /** One sentence for the SIEM's analyst: what happened to the account, no names. */
  message: string;
}
