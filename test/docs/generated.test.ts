// Numbers in the docs come from the code: the generated blocks (`npm run docs`) are what the code
// renders today, and every number the prose repeats (a setting's default, an alarm threshold, a count
// of combinations) is compared here with the value it repeats, so neither can drift.
import { DEFAULT_AUDIT_RETENTION_DAYS, EXPIRY_MARGIN_DAYS } from '../../cdk/constructs/audit-exports';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_CODE_BITS, BACKUP_CODE_COUNT, BACKUP_CODE_LENGTH } from '../../lib/backup-codes/backup-codes';
import { reportedProblems } from '../../lib/verification/vocabulary';
import { throttleFor } from '../../cdk/constructs/api';
import { ENROLL_RATE_LIMIT, OVERALL_RATE_LIMIT } from '../../cdk/constructs/edge';
import { defaultOperationsThresholds as alarms } from '../../cdk/constructs/operations';
import { PROFILE_PAGE_SIZE } from '../../lib/staff-views/customer-profile';
import { MAX_BODY_BYTES } from '../../lib/http/middlewares';
import { routes } from '../../lib/routes';
import { CASE_TIMELINE_MAX_EVENTS } from '../../lib/staff-views/recovery-lock-case';
import { MAX_COMPANY_TERMS, MAX_NAME_TERMS } from '../../lib/customers/search-terms';
import { generatedBlockNames, regenerated, settingDefaults } from '../../scripts/docs/blocks';
import { docFiles, proseLines, repoRoot } from '../../scripts/docs/markdown';
import { SETTLE_MS } from '../../lib/audit/tree-head';
import { MAX_LINE_BYTES } from '../../lib/audit/export-lines';

const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8');
/** Prose of a doc without its generated blocks, each run of white space one space. */
const prose = (file: string) =>
  proseLines(read(file).replace(/<!-- generated:[\s\S]*?<!-- \/generated -->/g, ''))
    .join(' ')
    .replace(/\s+/g, ' ');

const defaults = settingDefaults();
const setting = (name: string): number => {
  const value = defaults.get(name);
  if (value === undefined) throw new Error(`${name} has no default in lib/config.ts`);
  return Number(value);
};
const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const capitalized = (n: number) => `${words[n]?.[0]?.toUpperCase()}${words[n]?.slice(1)}`;
const ordinals = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth'];

describe('generated blocks', () => {
  it('the docs hold the blocks npm run docs writes', () => {
    const names = docFiles().flatMap((file) => generatedBlockNames(read(file)));
    expect(names.sort()).toEqual(['alarm-thresholds', 'bench-table', 'policy-defaults', 'sealed-fields']);
  });

  it.each(docFiles())('%s is what npm run docs writes (run it after changing a default)', (file) => {
    expect(regenerated(file)).toBe(read(file));
  });
});

describe('a setting named in the prose states its default', () => {
  // `NAME` (30), `NAME` (`15,60,1440`; …), `NAME` 15, `TOTP_ISSUER` `Cube`, the 30 minutes of `NAME`,
  // `NAME=always`, the default.
  const forms = [
    /`([A-Z][A-Z0-9_]+)` \((`[^`]+`|[^`),;\s]+)[),;]/g,
    /`([A-Z][A-Z0-9_]+)` (\d+|`[^`]+`)(?=[ ,.;)])/g,
    /(?<value>\d+) [a-z]+ of `(?<name>[A-Z][A-Z0-9_]+)`/g,
    /`([A-Z][A-Z0-9_]+)=([^`]+)`, the default/g,
  ];
  const mentions = docFiles().flatMap((file) =>
    forms.flatMap((form) =>
      [...prose(file).matchAll(form)]
        .map((match) => ({
          file,
          name: match.groups?.name ?? match[1] ?? '',
          stated: (match.groups?.value ?? match[2] ?? '').replace(/`/g, ''),
        }))
        .filter(({ name }) => defaults.has(name)),
    ),
  );

  it('finds the mentions (a change of wording must not switch the check off)', () => {
    expect(mentions.length).toBeGreaterThanOrEqual(25);
  });

  it.each(mentions)('$file: `$name` $stated', ({ name, stated }) => {
    expect(stated).toBe(defaults.get(name));
  });
});

/** The stage throttle of the first route that matches. */
const throttle = (matches: (route: (typeof routes)[number]) => boolean) => {
  const route = routes.find(matches);
  if (!route) throw new Error('no such route');
  return throttleFor(route);
};
/** A default the CDK stack writes inline (`props.name ?? 20`), read from its source. */
const stackDefault = (prop: string) =>
  new RegExp(`props\\.${prop} \\?\\? (\\d+)`).exec(read('cdk/stack.ts'))?.[1] ?? 'none';

describe('numbers the prose repeats without a name', () => {
  const enroll = throttle((route) => route.path === '/enroll/start');
  const staff = throttle((route) => route.auth.type === 'jwt');
  const loginService = throttle((route) => route.auth.type === 'iam');
  const health = throttle((route) => route.path === '/health');
  const cooldownSteps = (defaults.get('VERIFICATION_COOLDOWN_STEPS_MINUTES') ?? '').split(',');
  const phrases: [file: string, phrase: string][] = [
    ['docs/procedure.md', `valid ${setting('EMAIL_CODE_TTL_MINUTES')} minutes`],
    ['docs/procedure.md', `starts again at ${cooldownSteps[0]} minutes`],
    [
      'docs/procedure.md',
      `pending enrollment expires after ${setting('ENROLLMENT_PENDING_MINUTES')} minutes`,
    ],
    ['docs/procedure.md', `completed at most ${setting('VERIFICATION_MAX_AGE_MINUTES')} minutes ago`],
    ['docs/procedure.md', `a verification older than ${setting('VERIFICATION_MAX_AGE_MINUTES')} minutes`],
    ['docs/console.md', `passed within ${setting('VERIFICATION_MAX_AGE_MINUTES')} minutes`],
    ['docs/operations.md', `expire after ${setting('VERIFICATION_MAX_AGE_MINUTES')} minutes unused`],
    [
      'docs/procedure.md',
      `${capitalized(setting('VERIFY_MAX_FAILURES'))} consecutive failures lock TOTP for ${setting('VERIFY_LOCK_SECONDS') / 60} minutes`,
    ],
    ['docs/procedure.md', `capped at ${setting('VERIFY_LOCK_MAX_SECONDS') / 3600} hours`],
    ['docs/operations.md', `locks each customer after ${setting('VERIFY_MAX_FAILURES')} wrong codes`],
    ['docs/console.md', `the ${ordinals[setting('RESET_LINKS_PER_DAY') + 1]} in 24 hours is refused`],
    ['docs/procedure.md', `${capitalized(BACKUP_CODE_COUNT)} codes of ${BACKUP_CODE_BITS} random bits`],
    ['docs/procedure.md', `Crockford base32, ${BACKUP_CODE_LENGTH}`],
    ['docs/procedure.md', `backupCodes: [${BACKUP_CODE_COUNT}]`],
    ['docs/triage-and-self-service.md', `backupCodes: [${BACKUP_CODE_COUNT}]`],
    ['docs/triage-and-self-service.md', `(${words[reportedProblems.length]} reports: the manual's five`],
    ['docs/triage-and-self-service.md', `The console lists ${words[reportedProblems.length]} reports`],
    // Each report, with the old app working or not, with backup codes or not.
    ['docs/triage-and-self-service.md', `one of the ${reportedProblems.length * 2 * 2} combinations`],
    ['docs/operations.md', `At least ${alarms.disablesPerHour} disables (direct and approved) in one hour`],
    ['docs/operations.md', `At least ${alarms.failedVerificationsPerHour} helpdesk verifications failed`],
    ['docs/operations.md', `At least ${alarms.lockoutsPer15Minutes} login lockouts started in 15 minutes`],
    ['docs/operations.md', `disabled 2FA ${alarms.disablesPerStaffPerHour} or more times in one hour`],
    [
      'docs/operations.md',
      `passed ${alarms.passedVerificationsPerStaffPerHour} or more verifications in one hour`,
    ],
    ['docs/operations.md', `${alarms.api5xxPer5Minutes} or more server errors in 5 minutes`],
    ['docs/operations.md', `stayed above ${alarms.loginVerifyP99Ms / 1000} second`],
    [
      'docs/procedure.md',
      `the ${PROFILE_PAGE_SIZE.events} newest audit events and ${PROFILE_PAGE_SIZE.verifications} newest sessions`,
    ],
    ['docs/procedure.md', `oldest first, at most ${CASE_TIMELINE_MAX_EVENTS}, kept notes readable`],
    [
      'docs/procedure.md',
      `the name's first ${MAX_NAME_TERMS} words and the company's first ${MAX_COMPANY_TERMS}`,
    ],
    ['docs/api.md', `bodies over ${MAX_BODY_BYTES / 1024} KiB are refused before parsing (413)`],
    ['docs/performance.md', `bodies over ${MAX_BODY_BYTES / 1024} KiB get 413`],
    [
      'docs/deploy.md',
      `(enrollment ${enroll.rateLimit} rps, burst ${enroll.burstLimit}; staff ${staff.rateLimit}/${staff.burstLimit}; ` +
        `login service ${loginService.rateLimit}/${loginService.burstLimit}; health ${health.rateLimit}/${health.burstLimit}; ` +
        `anything else ${enroll.rateLimit}/${enroll.burstLimit})`,
    ],
    ['docs/console.md', `throttled per route (${enroll.rateLimit}/s)`],
    [
      'docs/deploy.md',
      `${ENROLL_RATE_LIMIT} requests per 5 minutes to \`/enroll/*\`, ${OVERALL_RATE_LIMIT} to anything`,
    ],
    ['docs/deploy.md', `\`loginServiceConcurrency\` (default ${stackDefault('loginServiceConcurrency')})`],
    [
      'docs/audit.md',
      `\`-c auditRetentionDays\` (default ${DEFAULT_AUDIT_RETENTION_DAYS} days, seven years)`,
    ],
    [
      'docs/deploy.md',
      `(default ${DEFAULT_AUDIT_RETENTION_DAYS}, seven years); deleted ${EXPIRY_MARGIN_DAYS} days later`,
    ],
    ['docs/audit.md', `deletes every version ${EXPIRY_MARGIN_DAYS} days after its lock ran out`],
    ['docs/audit.md', `the export time minus ${SETTLE_MS / 60_000} minutes`],
    ['docs/audit.md', `A line over ${MAX_LINE_BYTES / 2 ** 20} MiB`],
  ];

  it.each(phrases)('%s says "%s"', (file, phrase) => {
    expect(prose(file)).toContain(phrase);
  });
});
