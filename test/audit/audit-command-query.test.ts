// `audit query`: the questions auditors ask, answered from an export while streaming it — filters by
// customer, type, actor, case and time, as a table, CSV or JSON lines.
import { createHash } from 'node:crypto';
import { cp, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashOfItem } from '../../lib/audit/chain';
import { itemFromDynamoDbJson } from '../../lib/audit/dynamodb-json';
import {
  formatEvent,
  matchesQuery,
  queryExports,
  QueryUnverifiedError,
  type AuditQuery,
  type OutputFormat,
} from '../../auditor/query';
import { generateAuditExport } from '../../bench/generate-audit-export';
import {
  dataFilesOf,
  findExportDir,
  readDataLines,
  runAudit,
  removeTempDirs,
  tempDir,
} from './export-fixtures';

let root: string;
let allEvents: Record<string, unknown>[];

beforeAll(async () => {
  root = await tempDir('query');
  await generateAuditExport({ outDir: root, events: 2000, subjects: 40, files: 3, seed: 'query-test' });
  allEvents = [];
  for (const file of await dataFilesOf(await findExportDir(root, 'AuditEvents')))
    for (const line of await readDataLines(file)) allEvents.push(itemFromDynamoDbJson(JSON.parse(line).Item));
});

const query = async (filters: AuditQuery, format: OutputFormat = 'json', dir = root) => {
  let output = '';
  const result = await queryExports(dir, filters, {
    format,
    write: (chunk) => {
      output += chunk;
    },
  });
  return {
    result,
    output,
    rows:
      format === 'json'
        ? output
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line))
        : [],
  };
};

afterAll(async () => {
  await removeTempDirs();
});
describe('audit query', () => {
  it("shows one customer's trail, every event as it is stored (hashes still check)", async () => {
    const { rows, result } = await query({ customer: 'cust-0000007' });
    expect(result.events).toBe(2000);
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((row) => row.subject))).toEqual(new Set(['customer#cust-0000007']));
    for (const row of rows) expect(hashOfItem(row)).toBe(row.hash);
    expect((await query({ customer: 'customer#cust-0000007' })).rows).toHaveLength(50);
  });

  it('answers "who disabled 2FA for whom and when" and an agent\'s activity', async () => {
    const disabled = (await query({ types: ['TWO_FA_DISABLED'] })).rows;
    expect(disabled.length).toBeGreaterThan(0);
    expect(disabled.every((row) => row.type === 'TWO_FA_DISABLED' && row.actorType === 'admin')).toBe(true);
    expect(disabled).toEqual(allEvents.filter((event) => event.type === 'TWO_FA_DISABLED'));

    const agent = (await query({ actorId: 'agent-3' })).rows;
    expect(agent).toEqual(allEvents.filter((event) => event.actorId === 'agent-3'));
    const several = (await query({ types: ['RESET_EMAIL_SENT', 'TWO_FA_ENABLED'] })).rows;
    expect(new Set(several.map((row) => row.type))).toEqual(new Set(['RESET_EMAIL_SENT', 'TWO_FA_ENABLED']));
  });

  it('filters on a case and on a time range (from inclusive, to exclusive)', async () => {
    const withCase = allEvents.find((event) => typeof event.caseId === 'string');
    const caseRows = (await query({ caseId: withCase?.caseId as string })).rows;
    expect(caseRows.length).toBeGreaterThanOrEqual(2);
    expect(caseRows.every((row) => row.caseId === withCase?.caseId)).toBe(true);

    const times = allEvents.map((event) => String(event.at)).sort();
    const from = new Date(times[100] as string);
    const to = new Date(times[200] as string);
    const ranged = (await query({ from, to })).rows;
    expect(ranged).toHaveLength(allEvents.filter((event) => matchesQuery(event, { from, to })).length);
    expect(ranged.every((row) => row.at >= (times[100] as string) && row.at < (times[200] as string))).toBe(
      true,
    );
  });

  it('writes CSV with a header, quoted JSON details, and formulas defused', async () => {
    const { output } = await query({ customer: 'cust-0000001', types: ['TWO_FA_DISABLED'] }, 'csv');
    const [header, first] = output.split('\n');
    expect(header).toBe('at,customerId,seq,type,actorType,actorId,caseId,details');
    expect(first).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z,cust-0000001,\d+,TWO_FA_DISABLED,admin,admin-\d,[0-9A-Z]{26},"\{""verificationId""/,
    );
    expect(formatEvent({ actorId: '=HYPERLINK("x")', details: {} }, 'csv')).toMatch(
      /^,,,,,"'=HYPERLINK\(""x""\)",,\{\}\n$/,
    );
  });

  it('writes a table with aligned columns', async () => {
    const { output } = await query({ customer: 'cust-0000002' }, 'table');
    const lines = output.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^at\s+customerId\s+seq\s+type\s+actorType\s+actorId\s+caseId\s+details$/);
    expect(lines[1]).toMatch(
      /^\S+Z cust-0000002\s+1\s+CUSTOMER_CREATED\s+service\s+login-service\s+\{"locale":"(nl|en)"\}$/,
    );
    expect(new Set(lines.slice(1).map((line) => line.indexOf(' cust-')))).toEqual(new Set([24]));
  });

  it('runs as the command, with progress on stderr when asked and JSON lines on stdout', async () => {
    const run = await runAudit([
      'query',
      root,
      '--type',
      'VERIFY_FAILED,BACKUP_CODE_USED',
      '--format',
      'json',
      '--progress',
    ]);
    expect(run.code).toBe(0);
    const rows = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(rows).toHaveLength(
      allEvents.filter((event) => event.type === 'VERIFY_FAILED' || event.type === 'BACKUP_CODE_USED').length,
    );
    expect(run.stderr).toMatch(/of 2000 events matched/);

    const limited = await runAudit(['query', root, '--limit', '3', '--format', 'csv']);
    expect(limited.stdout.trim().split('\n')).toHaveLength(4);
    expect((await runAudit(['query', root, '--format', 'xml'])).code).toBe(2);
    expect((await runAudit(['query', root, '--from', 'yesterday'])).code).toBe(2);
  }, 30000);

  it('reads the newest export under a parent folder, or all of them when asked', async () => {
    const parent = await tempDir('query-parent');
    await cp(root, join(parent, 'day-1'), { recursive: true });
    await generateAuditExport({
      outDir: join(parent, 'day-2'),
      events: 2100,
      subjects: 40,
      files: 3,
      seed: 'query-test',
    });
    expect((await query({}, 'json', parent)).result).toMatchObject({ events: 2100, exportsRead: 1 });
    let output = '';
    const all = await queryExports(
      parent,
      {},
      { format: 'json', write: (chunk) => void (output += chunk), allExports: true },
    );
    expect(all).toMatchObject({ events: 4100, exportsRead: 2 });
  });

  it('reads the newest export that has a digest of its own, not a planted copy claiming to be newer', async () => {
    const planted = await tempDir('query-planted');
    await cp(root, planted, { recursive: true });
    const original = await findExportDir(planted, 'AuditEvents');
    const copy = `${original}9`;
    await cp(original, copy, { recursive: true });
    const summaryFile = join(copy, 'manifest-summary.json');
    const summary = JSON.parse(await readFile(summaryFile, 'utf8')) as Record<string, string>;
    summary.exportArn = `${summary.exportArn}9`;
    summary.exportTime = '2099-01-01T00:00:00.000Z';
    const text = JSON.stringify(summary);
    await writeFile(summaryFile, text);
    await writeFile(join(copy, 'manifest-summary.checksum'), createHash('md5').update(text).digest('hex'));
    const read: string[] = [];
    const warnings: string[] = [];
    await queryExports(
      planted,
      {},
      {
        format: 'json',
        write: () => undefined,
        onExport: (dir) => read.push(dir),
        onVerifyFinding: (finding) => warnings.push(`${finding.level} ${finding.code}`),
      },
    );
    expect(warnings).toContain('warning NO_DIGEST');
    expect(read).toEqual([expect.not.stringMatching(/9$/)]);
  });

  it('refuses a folder that does not verify (a truncated file) and prints no event, exit code 1', async () => {
    const broken = await tempDir('query-broken');
    await cp(root, broken, { recursive: true });
    const [file] = await dataFilesOf(await findExportDir(broken, 'AuditEvents'));
    await truncate(file as string, Math.floor((await readFile(file as string)).length / 2));
    const run = await runAudit(['query', broken, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /ERROR GZIP_BROKEN AuditEvents\/AWSDynamoDB\/\S+\.json\.gz:\d+: the gzip stream is truncated/,
    );
    expect(run.stderr).toMatch(
      /the folder does not verify \(\d+ problem\(s\): .*GZIP_BROKEN 1.*Nothing was queried/,
    );
    expect(run.stdout).toBe('');
    await expect(queryExports(broken, {}, { format: 'json', write: () => undefined })).rejects.toThrow(
      QueryUnverifiedError,
    );
  }, 30000);
});
