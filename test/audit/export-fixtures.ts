// Shared by the export and audit-command tests: a real audit trail in DynamoDB Local, its export, and
// the tools to tamper with a copy of it the way an insider would (and to cover the tracks in the manifest).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { systemClock, systemRandom } from '../../lib/clock';
import { commitWithAudit } from '../../lib/audit/store';
import type { AuditEventInput } from '../../lib/audit/events';
import { localDigestSigner } from '../../lib/audit/digest';
import { exportLocalTables } from '../../lib/audit/local-export';
import { singlePartEtag } from '../../lib/audit/export-format';
import { repoRoot } from '../../tooling/repo-root';
import { bundledScript } from '../support/child-scripts';
import type { TestStack } from '../support/stack';

const madeDirs: string[] = [];

export const tempDir = async (name: string) => {
  const dir = await mkdtemp(join(tmpdir(), `${name}-`));
  madeDirs.push(dir);
  return dir;
};

/** Removes every folder tempDir and copyExport made in this test file. */
export const removeTempDirs = async () => {
  await Promise.all(madeDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
};

const record = (customerId: string, email: string) => ({
  email,
  fullName: `Klant ${customerId}`,
  companyName: 'Laadpaal BV',
  locale: 'nl',
  chargePointIds: [`CP-${customerId}`],
});

/**
 * Three customers with chains of 2, 5 and 5 events: created and email-changed through the login
 * service's route, then a recovery case appended the way the domain appends its events.
 */
export const writeAuditTrail = async (stack: TestStack) => {
  const token = await stack.serviceToken();
  const customers = ['anna', 'bram', 'carla'];
  for (const customerId of customers) {
    const created = await stack.call('PUT', `/internal/customers/${customerId}`, {
      token,
      body: record(customerId, `${customerId}@example.com`),
    });
    if (created.status !== 201) throw new Error(`creating ${customerId}: ${created.status}`);
    const changed = await stack.call('PUT', `/internal/customers/${customerId}`, {
      token,
      body: record(customerId, `${customerId}.new@example.com`),
    });
    if (changed.status !== 200) throw new Error(`changing ${customerId}: ${changed.status}`);
  }
  for (const customerId of ['bram', 'carla']) {
    const caseId = systemRandom.ulid(new Date());
    await commitWithAudit(customerId, { clock: systemClock, random: systemRandom }, async (append) => {
      append({
        type: 'VERIFICATION_COMPLETED',
        actorType: 'agent',
        actorId: 'agent-bram',
        customerId,
        caseId,
        details: { outcome: 'PASSED', reasons: [] },
      });
      // An export from before reasons were sealed: the verifier reads those too.
      append({
        type: 'TWO_FA_DISABLED',
        actorType: 'admin',
        actorId: 'admin-anna',
        customerId,
        caseId,
        details: { verificationId: caseId, reason: 'Telefoon kwijt' },
      } as unknown as AuditEventInput);
      append({
        type: 'RESET_EMAIL_FAILED',
        actorType: 'system',
        actorId: 'notifier',
        customerId,
        caseId,
        details: { error: 'MessageRejected' },
      });
      return { writes: [], result: undefined };
    });
  }
  return customers;
};

export const exportStack = async (stack: TestStack, outDir: string, keyFile: string) =>
  exportLocalTables({
    client: stack.dynamodb,
    tableNames: stack.tableNames,
    outDir,
    signer: localDigestSigner(keyFile),
    clock: systemClock,
    random: systemRandom,
  });

export const copyExport = async (from: string) => {
  const to = await tempDir('tampered');
  await cp(from, to, { recursive: true });
  return to;
};

export const findExportDir = async (root: string, table: string) => {
  const base = join(root, table, 'AWSDynamoDB');
  const [exportId] = await readdir(base);
  if (!exportId) throw new Error(`no export of ${table} in ${root}`);
  return join(base, exportId);
};

export const dataFilesOf = async (exportDir: string) =>
  (await readdir(join(exportDir, 'data'))).sort().map((name) => join(exportDir, 'data', name));

export const readDataLines = async (file: string) =>
  gunzipSync(await readFile(file))
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '');

export const writeDataLines = async (file: string, lines: string[]) =>
  writeFile(file, gzipSync(Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8')));

/** A data line as DynamoDB JSON, parsed, for tampering. */
export type ExportLine = { Item: Record<string, Record<string, unknown>> };
export const parseLine = (line: string) => JSON.parse(line) as ExportLine;
export const subjectOfLine = (line: string) => parseLine(line).Item.subject?.S as string;
export const seqOfLine = (line: string) => Number(parseLine(line).Item.seq?.N);

/** What an insider who knows the format does after editing data: make the manifest agree again. */
export const coverTracks = async (exportDir: string) => {
  const manifestFile = join(exportDir, 'manifest-files.json');
  const entries = (await readFile(manifestFile, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map(
      (line) =>
        JSON.parse(line) as { itemCount: number; md5Checksum: string; etag: string; dataFileS3Key: string },
    );
  let total = 0;
  for (const entry of entries) {
    const file = join(exportDir, 'data', entry.dataFileS3Key.split('/').pop() ?? '');
    const bytes = await readFile(file);
    const md5 = createHash('md5').update(bytes).digest();
    entry.md5Checksum = md5.toString('base64');
    entry.etag = singlePartEtag(md5);
    entry.itemCount = (await readDataLines(file)).length;
    total += entry.itemCount;
  }
  const manifestText = entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
  await writeFile(manifestFile, manifestText);
  await writeFile(
    join(exportDir, 'manifest-files.checksum'),
    createHash('md5').update(manifestText).digest('hex'),
  );
  const summaryFile = join(exportDir, 'manifest-summary.json');
  const summary = JSON.parse(await readFile(summaryFile, 'utf8')) as { itemCount: number };
  summary.itemCount = total;
  const summaryText = JSON.stringify(summary);
  await writeFile(summaryFile, summaryText);
  await writeFile(
    join(exportDir, 'manifest-summary.checksum'),
    createHash('md5').update(summaryText).digest('hex'),
  );
};

/** Runs the auditors' command as they do, in a child process (auditor/cli.ts, bundled once per run). */
export const runAudit = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const root = repoRoot();
    execFile(
      process.execPath,
      [bundledScript('auditor/cli.ts'), ...args],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
