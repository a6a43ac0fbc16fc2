// The staff groups of the console's user pool, one list: routes, principals, Cognito and the console read it.
export const staffGroups = ['helpdesk', 'admin', 'security'] as const;
export type StaffGroup = (typeof staffGroups)[number];

/** Narrows a claimed group name to a known group; anything else grants nothing. */
export const isStaffGroup = (value: unknown): value is StaffGroup =>
  (staffGroups as readonly unknown[]).includes(value);
