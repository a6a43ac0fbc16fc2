// The EventBridge envelope of the recovery events: what a rule matches on. Plain data, read by CDK
// (the SIEM rule, the archive), the publisher and the login service's client (README: "Recovery events").
export const EVENT_SOURCE = 'mfa-recovery';
export const EVENT_DETAIL_TYPE = 'OCSF Account Change';
/** Days the bus's archive keeps every event, for a replay to a consumer that was down. */
export const ARCHIVE_RETENTION_DAYS = 90;
