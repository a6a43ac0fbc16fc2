// `audit recovery`: resets avoided by self-service against resets done, per ISO week, from an export
// whose counts are known, through the auditors' command as they run it.
import { nextAuditItem, type ChainHead } from '../../lib/audit/chain';
import { itemToDynamoDbJson } from '../../lib/audit/dynamodb-json';
import type { AuditEventInput, AuditEventType } from '../../lib/audit/events';
import { writeTableExport } from '../../lib/audit/export-format';
import { isoWeekOf, recoveryWeeks, type RecoveryWeek } from '../../auditor/recovery-report';
import { systemRandom } from '../../lib/clock';
import {
  dataFilesOf,
  findExportDir,
  readDataLines,
  removeTempDirs,
  runAudit,
  tempDir,
  writeDataLines,
} from './export-fixtures';

type Planned = [customerId: string, at: string, type: AuditEventType, details?: AuditEventInput['details']];

const triage = (advice: 'SELF_SERVICE' | 'VERIFY') => ({
  triageId: systemRandom.ulid(new Date()),
  channel: 'phone',
  reportedProblem: advice === 'SELF_SERVICE' ? 'NEW_PHONE' : 'PHONE_LOST',
  oldAuthenticatorWorks: advice === 'SELF_SERVICE',
  backupCodesAvailable: false,
  advice,
  guideEmailed: advice === 'SELF_SERVICE',
});

// 2026-W10 is Monday 2 March to Sunday 8 March (UTC).
const plan: Planned[] = [
  // Followed the advice in the same week: avoided, W10.
  ['c1', '2026-03-02T10:00:00Z', 'HELPDESK_TRIAGE_RECORDED', triage('SELF_SERVICE')],
  ['c1', '2026-03-03T09:00:00Z', 'AUTHENTICATOR_REPLACED'],
  // Followed four days later, in W11: still the W10 call's avoided reset.
  ['c2', '2026-03-06T16:00:00Z', 'HELPDESK_TRIAGE_RECORDED', triage('SELF_SERVICE')],
  ['c2', '2026-03-10T08:00:00Z', 'BACKUP_CODES_REGENERATED'],
  // Nothing left: verified and reset.
  ['c3', '2026-03-04T11:00:00Z', 'HELPDESK_TRIAGE_RECORDED', triage('VERIFY')],
  ['c3', '2026-03-04T11:20:00Z', 'TWO_FA_DISABLED', { verificationId: 'v3' }],
  // Advised self-service, reset anyway: a reset done, not avoided.
  ['c4', '2026-03-05T09:00:00Z', 'HELPDESK_TRIAGE_RECORDED', triage('SELF_SERVICE')],
  ['c4', '2026-03-07T09:00:00Z', 'TWO_FA_DISABLED', { verificationId: 'v4' }],
  ['c4', '2026-03-07T10:00:00Z', 'AUTHENTICATOR_REPLACED'],
  // Never called.
  ['c5', '2026-03-08T23:59:00Z', 'AUTHENTICATOR_REPLACED'],
  // Followed too late (16 days): not the advice's doing.
  ['c6', '2026-03-09T00:00:00Z', 'HELPDESK_TRIAGE_RECORDED', triage('SELF_SERVICE')],
  ['c6', '2026-03-25T12:00:00Z', 'AUTHENTICATOR_REPLACED'],
  // A reset without a triage.
  ['c7', '2026-03-09T13:00:00Z', 'TWO_FA_DISABLED', { verificationId: 'v7' }],
  // Twice renewed after one call: one avoided reset, one renewal on their own.
  ['c8', '2026-03-12T10:00:00Z', 'HELPDESK_TRIAGE_RECORDED', triage('SELF_SERVICE')],
  ['c8', '2026-03-12T10:30:00Z', 'BACKUP_CODES_REGENERATED'],
  ['c8', '2026-03-13T10:30:00Z', 'BACKUP_CODES_REGENERATED'],
];

const expected: RecoveryWeek[] = [
  {
    week: '2026-W10',
    triages: 4,
    selfServiceAdvised: 3,
    verifyAdvised: 1,
    resetsAvoided: 2,
    selfServiceWithoutCall: 2,
    resetsDone: 2,
    avoidedShare: 0.5,
  },
  {
    week: '2026-W11',
    triages: 2,
    selfServiceAdvised: 2,
    verifyAdvised: 0,
    resetsAvoided: 1,
    selfServiceWithoutCall: 1,
    resetsDone: 1,
    avoidedShare: 0.5,
  },
  {
    week: '2026-W13',
    triages: 0,
    selfServiceAdvised: 0,
    verifyAdvised: 0,
    resetsAvoided: 0,
    selfServiceWithoutCall: 1,
    resetsDone: 0,
    avoidedShare: null,
  },
];

/** The plan as hash-chained audit items, with login noise between them, in the S3 export layout. */
const writeExport = async (root: string) => {
  const heads = new Map<string, ChainHead>();
  const items: Record<string, unknown>[] = [];
  const append = (
    customerId: string,
    at: string,
    type: AuditEventType,
    details: AuditEventInput['details'],
  ) => {
    const input = { customerId, type, actorType: 'system', actorId: 'test', details } as AuditEventInput;
    const item = nextAuditItem(heads.get(customerId), input, new Date(at), systemRandom.ulid(new Date(at)));
    heads.set(customerId, { seq: item.seq, hash: item.hash });
    items.push(itemToDynamoDbJson(item as unknown as Record<string, unknown>));
  };
  for (const customerId of new Set(plan.map(([id]) => id)))
    append(customerId, '2026-03-01T08:00:00Z', 'CUSTOMER_CREATED', { locale: 'nl' });
  for (const [customerId, at, type, details] of plan) {
    append(customerId, at, type, details ?? {});
    append(customerId, at, 'NOTIFICATION_SENT', { kind: 'X', attempts: 1 });
  }
  const exportTime = new Date('2026-04-01T02:15:00Z');
  await writeTableExport(items as never, {
    rootDir: root,
    s3Bucket: 'test',
    s3Prefix: 'AuditEvents',
    tableArn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/AuditEvents',
    tableId: '00000000-0000-4000-8000-000000000000',
    exportTime,
    random: systemRandom,
    now: () => exportTime,
  });
};

afterAll(async () => {
  await removeTempDirs();
});

describe('ISO weeks', () => {
  it.each([
    ['2026-01-01T12:00:00Z', '2026-W01'], // a Thursday: week 1
    ['2027-01-01T12:00:00Z', '2026-W53'], // a Friday: the last week of the year before
    ['2024-12-30T00:00:00Z', '2025-W01'], // a Monday whose Thursday is in the next year
    ['2026-03-08T23:59:59Z', '2026-W10'], // Sunday ends the week
    ['2026-03-09T00:00:00Z', '2026-W11'], // Monday starts the next
  ])('%s is in %s', (at, week) => {
    expect(isoWeekOf(new Date(at))).toBe(week);
  });
});

describe('the weekly recovery table', () => {
  it('counts avoided resets in the week of the call, once per call, within the follow-up days', () => {
    const events = plan.map(([customerId, at, type, details]) => ({
      customerId,
      at,
      type,
      details: details ?? {},
    }));
    expect(recoveryWeeks(events)).toEqual(expected);
    // The order events arrive in (export files interleave customers) does not change the table.
    expect(recoveryWeeks([...events].reverse())).toEqual(expected);
  });

  it('counts a removed passkey only when the customer removed it, not when a reset or a replacement did', () => {
    const lost = {
      ...triage('SELF_SERVICE'),
      reportedProblem: 'PASSKEY_LOST',
      selfServicePath: 'REMOVE_PASSKEY',
    };
    const event = (
      customerId: string,
      at: string,
      type: AuditEventType,
      details: Record<string, unknown>,
    ) => ({
      customerId,
      at,
      type,
      details,
    });
    const weeks = recoveryWeeks([
      // Followed the guide: the customer's own removal after the call.
      event('p1', '2026-03-02T10:00:00Z', 'HELPDESK_TRIAGE_RECORDED', lost),
      event('p1', '2026-03-02T10:20:00Z', 'PASSKEY_REMOVED', { credentialRef: 'r1', reason: 'SELF_SERVICE' }),
      // Reset anyway: the reset's own removal is not a reset avoided.
      event('p2', '2026-03-03T10:00:00Z', 'HELPDESK_TRIAGE_RECORDED', lost),
      event('p2', '2026-03-03T11:00:00Z', 'TWO_FA_DISABLED', { verificationId: 'v' }),
      event('p2', '2026-03-03T11:00:00Z', 'PASSKEY_REMOVED', { credentialRef: 'r2', reason: 'RESET' }),
      // A replacement that dropped a passkey, after a call: neither avoided nor on its own.
      event('p3', '2026-03-04T10:00:00Z', 'HELPDESK_TRIAGE_RECORDED', lost),
      event('p3', '2026-03-04T10:30:00Z', 'PASSKEY_REMOVED', { credentialRef: 'r3', reason: 'REPLACED' }),
    ]);
    expect(weeks).toEqual([
      expect.objectContaining({ week: '2026-W10', triages: 3, resetsAvoided: 1, resetsDone: 1 }),
    ]);
    expect(weeks[0]?.selfServiceWithoutCall).toBe(0);
  });

  it('`npm run audit -- recovery` prints the same table from a verified export, as JSON, CSV and a table', async () => {
    const root = await tempDir('recovery');
    await writeExport(root);
    const json = await runAudit(['recovery', root, '--format', 'json']);
    // Unsigned (no digest): a warning, not an error.
    expect(json.stderr).not.toMatch(/^error/m);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ followUpDays: 7, weeks: expected });

    const csv = await runAudit(['recovery', root, '--format', 'csv']);
    expect(csv.stdout.split('\n').slice(0, 2)).toEqual([
      'week,triages,selfServiceAdvised,verifyAdvised,resetsAvoided,selfServiceWithoutCall,resetsDone,avoidedShare',
      '2026-W10,4,3,1,2,2,2,0.5',
    ]);
    const table = await runAudit(['recovery', root]);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^week\s+triages\s+self-service\s+verify\s+avoided\s+no call\s+resets\s+avoided %$/,
    );
    expect(table.stdout).toMatch(/2026-W10\s+4\s+3\s+1\s+2\s+2\s+2\s+50%/);

    const weekEleven = await runAudit([
      'recovery',
      root,
      '--format',
      'json',
      '--from',
      '2026-03-09',
      '--to',
      '2026-03-16',
    ]);
    // Only this week's events are read: c2's renewal now has no call before it.
    expect(JSON.parse(weekEleven.stdout).weeks).toEqual([{ ...expected[1], selfServiceWithoutCall: 2 }]);
  });

  it('gives no numbers from an export that does not verify', async () => {
    const root = await tempDir('recovery-tampered');
    await writeExport(root);
    const [file] = await dataFilesOf(await findExportDir(root, 'AuditEvents'));
    const lines = await readDataLines(file ?? '');
    // An auditor's worst case: a reset quietly turned into a self-service.
    await writeDataLines(
      file ?? '',
      lines.map((line) => line.replace('"TWO_FA_DISABLED"', '"AUTHENTICATOR_REPLACED"')),
    );
    const run = await runAudit(['recovery', root, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('does not verify');
  });
});
