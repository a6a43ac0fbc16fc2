// The environment, parsed once with zod; a missing or malformed variable fails at start-up with its name.
import * as z from './schema';
import { tables, type TableKey } from './data/tables';

// Every function parses this schema at its cold start, and building a zod schema costs more than parsing
// with it: the variables share one schema per kind (about 240 schemas built were 100).
const nonNegativeInteger = z.coerce.number().check(z.int(), z.nonnegative());
const positiveInteger = z.coerce.number().check(z.int(), z.minimum(1));
const numberFrom = (fallback: number) => z._default(nonNegativeInteger, fallback);
const positiveFrom = (fallback: number) => z._default(positiveInteger, fallback);

const tableNameSchema = z.string().check(z.minLength(3));
const tableNameVars = Object.fromEntries(
  Object.values(tables).map((table) => [table.envVar, tableNameSchema]),
) as Record<(typeof tables)[TableKey]['envVar'], z.ZodMiniString>;

export const environmentSchema = z.object({
  ...tableNameVars,
  AWS_REGION: z._default(z.string(), 'eu-west-1'),
  /** Set only in the local stack and tests: DynamoDB Local and aws-ses-v2-local. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  SES_ENDPOINT: z.optional(z.url()),
  /** Set only in the local stack and tests: the local event bus the API server plays (local/event-bus.ts). */
  EVENTBRIDGE_ENDPOINT: z.optional(z.url()),
  /** The recovery event bus: set by CDK on the one function that publishes to it (the event publisher). */
  EVENT_BUS_NAME: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  /** Where the console and enrollment pages are served; links in emails are built from it, never from a request. */
  PUBLIC_BASE_URL: z.url(),
  SENDER_EMAIL: z.email(),
  /** SES configuration set every email is sent with (bounces, complaints, suppression); unset locally. */
  SES_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1))),
  SECURITY_ALERT_EMAIL: z.email(),
  /** `kms`: TOTP secrets are sealed with a KMS data key. `local`: with LOCAL_SECRET_KEY (local stack only). */
  SECRET_KEY_SOURCE: z.enum(['kms', 'local']),
  KMS_KEY_ID: z.optional(z.string()),
  LOCAL_SECRET_KEY: z.optional(z.string().check(z.regex(/^[A-Za-z0-9+/]{43}=$/, 'base64 of 32 bytes'))),
  ENROLL_LINK_MODE: z._default(z.enum(['direct', 'login']), 'direct'),
  LOGIN_URL: z.optional(z.url()),
  VERIFICATION_MAX_AGE_MINUTES: numberFrom(30),
  /** Cooldown after the 1st, 2nd, 3rd… failed session of a customer in a row (the last step repeats). */
  VERIFICATION_COOLDOWN_STEPS_MINUTES: z._default(
    z.string().check(z.regex(/^\d+(,\d+)*$/, 'comma-separated minutes, e.g. 15,60,1440')),
    '15,60,1440',
  ),
  /** A failure this long after the previous one starts the escalation again from the first step. */
  VERIFICATION_FAILURE_STREAK_HOURS: positiveFrom(24),
  /** How many charge-point ids a caller must name (all of them when they manage fewer). */
  VERIFICATION_CHARGE_POINTS_TO_NAME: positiveFrom(1),
  VERIFICATION_MAX_CHECKS: positiveFrom(30),
  /** Wrong emailed codes a session judges; the last one counts as a wrong answer (a new code brings no new tries). */
  EMAIL_CODE_MAX_TRIES: positiveFrom(3),
  VERIFICATION_MIN_SECURITY_MATCHES: numberFrom(2),
  TICKET_TTL_HOURS: numberFrom(72),
  /** A started enrollment must be confirmed within this time (and before its ticket expires). */
  ENROLLMENT_PENDING_MINUTES: numberFrom(15),
  /** Login verification: consecutive failures that lock, the first lock's length (it doubles), its cap. */
  VERIFY_MAX_FAILURES: positiveFrom(5),
  VERIFY_LOCK_SECONDS: positiveFrom(300),
  VERIFY_LOCK_MAX_SECONDS: positiveFrom(86400),
  /** The name authenticator apps show next to the code (otpauth issuer). */
  TOTP_ISSUER: z._default(z.string().check(z.trim(), z.minLength(1), z.maxLength(64)), 'Cube'),
  /** The passkeys' relying party: a domain the login page and these pages share (default: PUBLIC_BASE_URL's host). */
  PASSKEY_RP_ID: z.optional(z.string().check(z.regex(/^[a-z0-9.-]+$/, 'a domain name, e.g. example.com'))),
  /** Comma-separated origins a passkey may be used on: the login page and these pages (default: PUBLIC_BASE_URL's origin). */
  PASSKEY_ORIGINS: z.optional(z.string().check(z.minLength(1))),
  /** A passkey challenge (registration or login) must be answered within this time, once. */
  PASSKEY_CHALLENGE_SECONDS: positiveFrom(300),
  EMAIL_CHANGE_COOLING_OFF_DAYS: numberFrom(7),
  RECENT_RESET_COOLING_OFF_HOURS: numberFrom(24),
  APPROVAL_TTL_MINUTES: numberFrom(60),
  VERIFICATION_SESSION_MINUTES: numberFrom(60),
  EMAIL_CODE_TTL_MINUTES: numberFrom(10),
  EMAIL_CODE_MAX_SENDS: numberFrom(3),
  EMAIL_CODE_RESEND_SECONDS: numberFrom(60),
  EMAIL_CODE_MAX_SENDS_PER_CUSTOMER_DAY: numberFrom(5),
  /** Past the day's budget a session's first code still goes out once the customer's last code is this old. */
  EMAIL_CODE_SESSION_GAP_MINUTES: positiveFrom(60),
  /** Re-sent reset links per customer in 24 hours: each one is a working enrollment link in a mailbox. */
  RESET_LINKS_PER_DAY: positiveFrom(3),
  /** Self-service guides mailed after a triage, per customer in 24 hours (a staff button must not become a mail cannon). */
  SELF_SERVICE_GUIDES_PER_CUSTOMER_DAY: numberFrom(3),
  /** Who must prove control of their mailbox (EMAIL_CODE) before a session can pass: every tier, or privileged only. */
  REQUIRE_EMAIL_CODE: z._default(z.enum(['always', 'privileged']), 'always'),
  /** Four eyes: the agent who verified a caller may not disable 2FA on that session. */
  SEPARATE_VERIFIER_AND_ADMIN: z._default(z.enum(['true', 'false']), 'true'),
  /** Velocity limits: past these counts in an hour, the next disable needs a second admin and alerts security. */
  VELOCITY_ADMIN_DISABLES_PER_HOUR: numberFrom(3),
  VELOCITY_AGENT_PASSES_PER_HOUR: numberFrom(5),
  /** All admins together: past this many disables in any 60 minutes, every disable needs a second admin. */
  VELOCITY_DISABLES_PER_HOUR_TOTAL: numberFrom(10),
  /**
   * Waiting periods after a disable before the reset link's enrollment opens (the longest that applies):
   * a privileged customer; a verification that passed without possession proof; any other reset.
   */
  RECOVERY_DELAY_PRIVILEGED_MINUTES: numberFrom(1440),
  RECOVERY_DELAY_WITHOUT_POSSESSION_MINUTES: numberFrom(4320),
  RECOVERY_DELAY_STANDARD_MINUTES: numberFrom(0),
  /** How long a warm container keeps a data key it unwrapped (KMS Decrypt) to open the same sealed value again; 0: never. */
  DATA_KEY_CACHE_SECONDS: numberFrom(300),
  /** AWS: a KMS HMAC key for keyed hashes of what callers said. Locally derived from LOCAL_SECRET_KEY. */
  ANSWER_HASH_KEY_ID: z.optional(z.string()),
  /** The login service's IAM role; `iam` routes answer only its sessions. Unset: they answer no one. */
  LOGIN_SERVICE_ROLE_ARN: z.optional(
    z.string().check(z.regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'an IAM role ARN')),
  ),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  region: string;
  tableNames: Record<TableKey, string>;
  endpoints: { dynamodb?: string; ses?: string; eventBridge?: string };
  eventBusName?: string;
  publicBaseUrl: string;
  senderEmail: string;
  sesConfigurationSet?: string;
  securityAlertEmail: string;
  secretKey: { source: 'kms'; kmsKeyId: string } | { source: 'local'; key: Buffer };
  /** Seconds an unwrapped data key stays in this container's memory (0: not kept). */
  dataKeyCacheSeconds: number;
  enrollLink: { mode: 'direct' } | { mode: 'login'; loginUrl: string };
  totpIssuer: string;
  /** WebAuthn relying party: its ID (a domain) and the origins whose ceremonies count. */
  passkeys: { rpId: string; origins: string[]; challengeSeconds: number };
  policy: {
    verificationMaxAgeMinutes: number;
    verificationCooldownStepsMinutes: number[];
    verificationFailureStreakHours: number;
    chargePointsToName: number;
    maxChecksPerSession: number;
    emailCodeMaxTries: number;
    minSecurityMatches: number;
    ticketTtlHours: number;
    enrollmentPendingMinutes: number;
    verifyMaxFailures: number;
    verifyLockSeconds: number;
    verifyLockMaxSeconds: number;
    emailChangeCoolingOffDays: number;
    recentResetCoolingOffHours: number;
    approvalTtlMinutes: number;
    verificationSessionMinutes: number;
    emailCodeTtlMinutes: number;
    emailCodeMaxSends: number;
    emailCodeResendSeconds: number;
    emailCodeMaxSendsPerCustomerDay: number;
    emailCodeSessionGapMinutes: number;
    resetLinksPerDay: number;
    selfServiceGuidesPerCustomerDay: number;
    requireEmailCode: 'always' | 'privileged';
    separateVerifierAndAdmin: boolean;
    velocityAdminDisablesPerHour: number;
    velocityAgentPassesPerHour: number;
    velocityDisablesPerHourTotal: number;
    recoveryDelayPrivilegedMinutes: number;
    recoveryDelayWithoutPossessionMinutes: number;
    recoveryDelayStandardMinutes: number;
  };
  answerHashKeyId?: string;
  loginServiceRoleArn?: string;
}

export class ConfigError extends Error {}

const passkeySettings = (e: Environment): Config['passkeys'] => {
  const base = new URL(e.PUBLIC_BASE_URL);
  const origins = e.PASSKEY_ORIGINS
    ? e.PASSKEY_ORIGINS.split(',').map((origin) => origin.trim().replace(/\/+$/, ''))
    : [base.origin];
  for (const origin of origins)
    if (!URL.canParse(origin) || new URL(origin).origin !== origin)
      throw new ConfigError(`invalid environment: PASSKEY_ORIGINS: not an origin: ${origin}`);
  return { rpId: e.PASSKEY_RP_ID ?? base.hostname, origins, challengeSeconds: e.PASSKEY_CHALLENGE_SECONDS };
};

export const parseConfig = (env: NodeJS.ProcessEnv): Config => {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const tableNames = Object.fromEntries(
    (Object.keys(tables) as TableKey[]).map((key) => [key, e[tables[key].envVar]]),
  ) as Record<TableKey, string>;

  let secretKey: Config['secretKey'];
  if (e.SECRET_KEY_SOURCE === 'kms') {
    if (!e.KMS_KEY_ID)
      throw new ConfigError('invalid environment: KMS_KEY_ID is required when SECRET_KEY_SOURCE=kms');
    secretKey = { source: 'kms', kmsKeyId: e.KMS_KEY_ID };
  } else {
    if (!e.LOCAL_SECRET_KEY)
      throw new ConfigError('invalid environment: LOCAL_SECRET_KEY is required when SECRET_KEY_SOURCE=local');
    secretKey = { source: 'local', key: Buffer.from(e.LOCAL_SECRET_KEY, 'base64') };
  }

  let enrollLink: Config['enrollLink'] = { mode: 'direct' };
  if (e.ENROLL_LINK_MODE === 'login') {
    if (!e.LOGIN_URL)
      throw new ConfigError('invalid environment: LOGIN_URL is required when ENROLL_LINK_MODE=login');
    enrollLink = { mode: 'login', loginUrl: e.LOGIN_URL };
  }

  return {
    region: e.AWS_REGION,
    tableNames,
    endpoints: { dynamodb: e.DYNAMODB_ENDPOINT, ses: e.SES_ENDPOINT, eventBridge: e.EVENTBRIDGE_ENDPOINT },
    ...(e.EVENT_BUS_NAME ? { eventBusName: e.EVENT_BUS_NAME } : {}),
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    senderEmail: e.SENDER_EMAIL,
    sesConfigurationSet: e.SES_CONFIGURATION_SET,
    securityAlertEmail: e.SECURITY_ALERT_EMAIL,
    secretKey,
    dataKeyCacheSeconds: e.DATA_KEY_CACHE_SECONDS,
    enrollLink,
    totpIssuer: e.TOTP_ISSUER,
    passkeys: passkeySettings(e),
    policy: {
      verificationMaxAgeMinutes: e.VERIFICATION_MAX_AGE_MINUTES,
      verificationCooldownStepsMinutes: e.VERIFICATION_COOLDOWN_STEPS_MINUTES.split(',').map(Number),
      verificationFailureStreakHours: e.VERIFICATION_FAILURE_STREAK_HOURS,
      chargePointsToName: e.VERIFICATION_CHARGE_POINTS_TO_NAME,
      maxChecksPerSession: e.VERIFICATION_MAX_CHECKS,
      emailCodeMaxTries: e.EMAIL_CODE_MAX_TRIES,
      minSecurityMatches: e.VERIFICATION_MIN_SECURITY_MATCHES,
      ticketTtlHours: e.TICKET_TTL_HOURS,
      enrollmentPendingMinutes: e.ENROLLMENT_PENDING_MINUTES,
      verifyMaxFailures: e.VERIFY_MAX_FAILURES,
      verifyLockSeconds: e.VERIFY_LOCK_SECONDS,
      verifyLockMaxSeconds: e.VERIFY_LOCK_MAX_SECONDS,
      emailChangeCoolingOffDays: e.EMAIL_CHANGE_COOLING_OFF_DAYS,
      recentResetCoolingOffHours: e.RECENT_RESET_COOLING_OFF_HOURS,
      approvalTtlMinutes: e.APPROVAL_TTL_MINUTES,
      verificationSessionMinutes: e.VERIFICATION_SESSION_MINUTES,
      emailCodeTtlMinutes: e.EMAIL_CODE_TTL_MINUTES,
      emailCodeMaxSends: e.EMAIL_CODE_MAX_SENDS,
      emailCodeResendSeconds: e.EMAIL_CODE_RESEND_SECONDS,
      emailCodeMaxSendsPerCustomerDay: e.EMAIL_CODE_MAX_SENDS_PER_CUSTOMER_DAY,
      emailCodeSessionGapMinutes: e.EMAIL_CODE_SESSION_GAP_MINUTES,
      resetLinksPerDay: e.RESET_LINKS_PER_DAY,
      selfServiceGuidesPerCustomerDay: e.SELF_SERVICE_GUIDES_PER_CUSTOMER_DAY,
      requireEmailCode: e.REQUIRE_EMAIL_CODE,
      separateVerifierAndAdmin: e.SEPARATE_VERIFIER_AND_ADMIN === 'true',
      velocityAdminDisablesPerHour: e.VELOCITY_ADMIN_DISABLES_PER_HOUR,
      velocityAgentPassesPerHour: e.VELOCITY_AGENT_PASSES_PER_HOUR,
      velocityDisablesPerHourTotal: e.VELOCITY_DISABLES_PER_HOUR_TOTAL,
      recoveryDelayPrivilegedMinutes: e.RECOVERY_DELAY_PRIVILEGED_MINUTES,
      recoveryDelayWithoutPossessionMinutes: e.RECOVERY_DELAY_WITHOUT_POSSESSION_MINUTES,
      recoveryDelayStandardMinutes: e.RECOVERY_DELAY_STANDARD_MINUTES,
    },
    ...(e.ANSWER_HASH_KEY_ID ? { answerHashKeyId: e.ANSWER_HASH_KEY_ID } : {}),
    ...(e.LOGIN_SERVICE_ROLE_ARN ? { loginServiceRoleArn: e.LOGIN_SERVICE_ROLE_ARN } : {}),
  };
};

let cached: Config | undefined;

/** The process's configuration, parsed on first use (at a Lambda's cold start). */
export const config = (): Config => (cached ??= parseConfig(process.env));

/** Tests and the local stack change the environment between runs in one process. */
export const resetConfigForTests = () => {
  cached = undefined;
};
