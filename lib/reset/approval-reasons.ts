// Why a disable waits for a second admin: the answers name them, the console words each one.
export const approvalReasons = [
  'PRIVILEGED_CUSTOMER',
  'EMAIL_CHANGED_RECENTLY',
  'RECENT_RESET',
  'NO_POSSESSION_PROOF',
  'ADMIN_VELOCITY',
  'AGENT_VELOCITY',
  'TOTAL_VELOCITY',
] as const;
export type ApprovalReason = (typeof approvalReasons)[number];
