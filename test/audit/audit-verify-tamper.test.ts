// `audit verify` against a coached insider: every tamper class of the outside review, each with the
// manifests' MD5s, ETags, counts and checksum files recomputed, the digest key pinned and
// --require-digest on. Each exits 1 naming the problem; the untouched export still verifies clean.
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { createHash, createPublicKey } from 'node:crypto';
import { cp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { itemFromDynamoDbJson, itemToDynamoDbJson } from '../../lib/audit/dynamodb-json';
import { verifyExports } from '../../auditor/verify-export';
import { startTestStack, type TestStack } from '../support/stack';
import {
  copyExport,
  coverTracks,
  dataFilesOf,
  exportStack,
  findExportDir,
  parseLine,
  readDataLines,
  removeTempDirs,
  runAudit,
  seqOfLine,
  subjectOfLine,
  tempDir,
  writeAuditTrail,
  writeDataLines,
} from './export-fixtures';

let stack: TestStack;
let pristine: string;
let keyFile: string;
let publicKeyFile: string;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  await writeAuditTrail(stack);
  pristine = join(await tempDir('tamper-export'), 'run');
  keyFile = join(await tempDir('tamper-key'), 'key.pem');
  await exportStack(stack, pristine, keyFile);
  // The auditor's copy of the real key, obtained out of band (KMS GetPublicKey in AWS).
  publicKeyFile = join(await tempDir('tamper-pinned'), 'digest-key.pem');
  await writeFile(
    publicKeyFile,
    createPublicKey(await readFile(keyFile, 'utf8')).export({ type: 'spki', format: 'pem' }),
  );
}, 60000);

afterAll(async () => {
  await stack?.stop();
  await removeTempDirs();
});

/** Verifies as a careful auditor does: the key pinned, every chain required to be under a digest. */
const verifyStrictly = async (root: string) => {
  const report = await verifyExports(root, {
    requireDigest: true,
    trustedPublicKeys: [await readFile(publicKeyFile, 'utf8')],
  });
  const errors = report.findings.filter((finding) => finding.level === 'error');
  return { report, errors, codes: [...new Set(errors.map((finding) => finding.code))].sort() };
};

const auditStrictly = (root: string) =>
  runAudit(['verify', root, '--public-key', publicKeyFile, '--require-digest']);

const tamperable = async () => {
  const root = await copyExport(pristine);
  const exportDir = await findExportDir(root, 'AuditEvents');
  const [dataFile] = await dataFilesOf(exportDir);
  if (!dataFile) throw new Error('no AuditEvents data file');
  return { root, exportDir, dataFile, lines: await readDataLines(dataFile) };
};

const typeOf = (line: string) => parseLine(line).Item.type?.S;

/** Edits manifest-summary.json and writes its checksum again, as an insider who knows the format would. */
const editSummary = async (exportDir: string, edit: (summary: Record<string, unknown>) => void) => {
  const file = join(exportDir, 'manifest-summary.json');
  const summary = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  edit(summary);
  const text = JSON.stringify(summary);
  await writeFile(file, text);
  await writeFile(join(exportDir, 'manifest-summary.checksum'), createHash('md5').update(text).digest('hex'));
};

/** The hash a forger computes: SHA-256 over JSON with sorted keys, strings as JSON.stringify writes them. */
const forgersHash = (item: Record<string, unknown>) => {
  const canonical = (value: unknown): string =>
    Array.isArray(value)
      ? `[${value.map(canonical).join(',')}]`
      : value !== null && typeof value === 'object'
        ? `{${Object.keys(value)
            .sort()
            .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
            .join(',')}}`
        : JSON.stringify(value);
  const { hash: _hash, ...rest } = item;
  return createHash('sha256').update(canonical(rest), 'utf8').digest('hex');
};

describe('audit verify with the key pinned and --require-digest', () => {
  it('passes the untouched export, exit code 0', async () => {
    const { codes, report } = await verifyStrictly(pristine);
    expect(codes).toEqual([]);
    expect(report.warnings).toBe(0);
    expect(report.eventsVerified).toBe(12);
    const run = await auditStrictly(pristine);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/pinned with --public-key/);
    expect(run.stdout).toMatch(/OK: no problems\n/);
  }, 30000);

  it('finds audit events by content when the table is relabelled, and names the edited event', async () => {
    const { root, exportDir, dataFile, lines } = await tamperable();
    const at = lines.findIndex((line) => typeOf(line) === 'TWO_FA_DISABLED');
    lines[at] = (lines[at] as string)
      .replace('Telefoon kwijt', 'Klant belde zelf')
      .replace('"admin-anna"', '"admin-bob"');
    await writeDataLines(dataFile, lines);
    await coverTracks(exportDir);
    await editSummary(exportDir, (summary) => {
      summary.tableArn = String(summary.tableArn).replace('AuditEvents', 'Audit-Events');
      summary.s3Prefix = 'Audit-Events';
    });
    await rename(join(root, 'AuditEvents'), join(root, 'Audit-Events'));

    const { codes, errors, report } = await verifyStrictly(root);
    expect(report.eventsVerified).toBe(12);
    expect(codes).toEqual(['DIGEST_MANIFEST_MISMATCH', 'HASH_MISMATCH']);
    expect(errors.find((finding) => finding.code === 'HASH_MISMATCH')).toMatchObject({
      subject: subjectOfLine(lines[at] as string),
      seq: seqOfLine(lines[at] as string),
      file: expect.stringMatching(/^Audit-Events\/AWSDynamoDB\/.+\.json\.gz$/),
      line: at + 1,
    });
    expect(errors.find((finding) => finding.file?.endsWith('manifest-summary.json'))?.message).toMatch(
      /tableArn ".*Audit-Events" where it signed ".*AuditEvents"/,
    );
    const run = await auditStrictly(root);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /ERROR HASH_MISMATCH customer#\w+ seq \d+ Audit-Events\/\S+:\d+: content does not match/,
    );
  }, 30000);

  it('finds the edited event with no digest and no manifest hint at all (events are recognised by content)', async () => {
    const { root, exportDir, dataFile, lines } = await tamperable();
    const at = lines.findIndex((line) => typeOf(line) === 'TWO_FA_DISABLED');
    lines[at] = (lines[at] as string).replace('Telefoon kwijt', 'Klant belde zelf');
    await writeDataLines(dataFile, lines);
    await coverTracks(exportDir);
    await editSummary(exportDir, (summary) => {
      summary.tableArn = 'arn:aws:dynamodb:eu-west-1:000000000000:table/Customers';
      summary.s3Prefix = 'Customers2';
    });
    await rm(join(root, 'digests'), { recursive: true });
    const report = await verifyExports(root);
    expect(report.eventsVerified).toBe(12);
    expect(report.errorCounts).toEqual({ HASH_MISMATCH: 1 });
  });

  it('refuses an export moved in time with a chain deleted, although its digest is in the folder', async () => {
    const { root, exportDir, dataFile, lines } = await tamperable();
    await writeDataLines(
      dataFile,
      lines.filter((line) => subjectOfLine(line) !== 'customer#carla'),
    );
    await coverTracks(exportDir);
    await editSummary(exportDir, (summary) => {
      summary.exportTime = '2024-12-01T02:15:00.000Z';
      summary.exportArn = String(summary.exportArn).replace(/export\/\d{14}/, 'export/01733019300000');
    });
    const { codes, errors } = await verifyStrictly(root);
    expect(codes).toEqual(['DIGEST_EXPORT_NOT_FOUND', 'NO_DIGEST']);
    expect(errors.find((finding) => finding.code === 'DIGEST_EXPORT_NOT_FOUND')).toMatchObject({
      file: expect.stringMatching(/^digests\/audit-digest-.*\.json$/),
      message: expect.stringMatching(/which no export in this folder is/),
    });
    const run = await auditStrictly(root);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /ERROR DIGEST_EXPORT_NOT_FOUND digests\/audit-digest-\S+\.json: signed for export/,
    );
    expect(run.stdout).toMatch(/ERROR NO_DIGEST AuditEvents\/\S+\/manifest-summary\.json: no signed digest/);
  }, 30000);

  it('catches the same deletion when only tableArn and exportTime are moved (exportArn kept)', async () => {
    const { root, exportDir, dataFile, lines } = await tamperable();
    await writeDataLines(
      dataFile,
      lines.filter((line) => subjectOfLine(line) !== 'customer#carla'),
    );
    await coverTracks(exportDir);
    await editSummary(exportDir, (summary) => {
      summary.exportTime = '2024-12-01T02:15:00.000Z';
      summary.tableArn = `${String(summary.tableArn)}-old`;
    });
    const { codes, errors } = await verifyStrictly(root);
    expect(codes).toEqual([
      'DIGEST_COUNT_MISMATCH',
      'DIGEST_MANIFEST_MISMATCH',
      'DIGEST_SUBJECT_MISSING',
      'TREE_HEAD_MISMATCH',
    ]);
    expect(errors.find((finding) => finding.code === 'DIGEST_SUBJECT_MISSING')).toMatchObject({
      subject: 'customer#carla',
    });
    expect(errors.find((finding) => finding.file?.endsWith('manifest-summary.json'))?.message).toMatch(
      /exportTime "2024-12-01T02:15:00.000Z" where it signed/,
    );
  });

  it('refuses a digest signed by the pinned key for a different export', async () => {
    const other = join(await tempDir('tamper-other'), 'run');
    await exportStack(stack, other, keyFile);
    const [otherDigest] = (await readdir(join(other, 'digests'))).filter((name) => name.endsWith('.json'));
    if (!otherDigest) throw new Error('no digest in the other export');

    // Added next to the real one: it matches nothing here.
    const { root } = await tamperable();
    await cp(join(other, 'digests', otherDigest), join(root, 'digests', otherDigest));
    const added = await verifyStrictly(root);
    expect(added.codes).toEqual(['DIGEST_EXPORT_NOT_FOUND']);
    expect(added.errors[0]?.file).toBe(`digests/${otherDigest}`);

    // In place of the real one: this export is then covered by nothing.
    const replaced = await tamperable();
    await rm(join(replaced.root, 'digests'), { recursive: true });
    await cp(join(other, 'digests'), join(replaced.root, 'digests'), { recursive: true });
    const { codes } = await verifyStrictly(replaced.root);
    expect(codes).toEqual(['DIGEST_EXPORT_NOT_FOUND', 'NO_DIGEST']);
    const run = await auditStrictly(replaced.root);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ERROR DIGEST_EXPORT_NOT_FOUND/);
  }, 30000);

  describe('duplicate keys, at every depth', () => {
    const cases: { depth: string; key: string; edit: (line: string) => string; type: string }[] = [
      {
        depth: 'on the line, next to Item',
        key: 'Item',
        type: 'TWO_FA_DISABLED',
        edit: (line) => `{"Item":{"subject":{"S":"customer#nobody"}},${line.slice(1)}`,
      },
      {
        depth: 'at the top of the item (a forged type before the real one)',
        key: 'type',
        type: 'TWO_FA_DISABLED',
        edit: (line) => line.replace('{"Item":{', '{"Item":{"type":{"S":"VERIFY_FAILED"},'),
      },
      {
        depth: 'inside an attribute value',
        key: 'S',
        type: 'TWO_FA_DISABLED',
        edit: (line) =>
          line.replace('{"S":"Telefoon kwijt"}', '{"S":"Klant belde zelf","S":"Telefoon kwijt"}'),
      },
      {
        depth: 'inside the details map',
        key: 'reason',
        type: 'TWO_FA_DISABLED',
        edit: (line) =>
          line.replace('"details":{"M":{', '"details":{"M":{"reason":{"S":"Klant belde zelf"},'),
      },
      {
        depth: 'inside a map in a list inside the details map',
        key: 'check',
        type: 'VERIFICATION_COMPLETED',
        edit: (line) =>
          line.replace(
            '"reasons":{"L":[]}',
            '"reasons":{"L":[{"M":{"check":{"S":"EMAIL"},"check":{"S":"MATCH"}}}]}',
          ),
      },
    ];

    it.each(cases)('names a duplicate key $depth by file and line', async ({ key, edit, type }) => {
      const { root, exportDir, dataFile, lines } = await tamperable();
      const at = lines.findIndex((line) => typeOf(line) === type);
      const edited = edit(lines[at] as string);
      expect(edited).not.toBe(lines[at]);
      // JSON.parse accepts the line: the last key wins, so the hash would still check.
      expect(() => JSON.parse(edited)).not.toThrow();
      lines[at] = edited;
      await writeDataLines(dataFile, lines);
      await coverTracks(exportDir);
      const { errors } = await verifyStrictly(root);
      expect(errors.find((finding) => finding.code === 'LINE_INVALID')).toMatchObject({
        file: expect.stringMatching(/^AuditEvents\/AWSDynamoDB\/.+\.json\.gz$/),
        line: at + 1,
        message: expect.stringContaining(`duplicate key ${JSON.stringify(key)}`),
      });
    });

    it('exits 1 on the review\'s line, and `audit query` refuses to answer "who disabled 2FA" from it', async () => {
      const { root, exportDir, dataFile, lines } = await tamperable();
      const at = lines.findIndex((line) => typeOf(line) === 'TWO_FA_DISABLED');
      lines[at] = (lines[at] as string).replace(
        '{"Item":{',
        '{"Item":{"type":{"S":"VERIFY_FAILED"},"actorId":{"S":"someone-else"},',
      );
      await writeDataLines(dataFile, lines);
      await coverTracks(exportDir);
      const run = await auditStrictly(root);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        new RegExp(
          `ERROR LINE_INVALID AuditEvents/\\S+\\.json\\.gz:${at + 1}: not JSON \\(duplicate key "(type|actorId)" in "Item"`,
        ),
      );
      const query = await runAudit(['query', root, '--type', 'TWO_FA_DISABLED', '--format', 'csv']);
      expect(query.code).toBe(1);
      expect(query.stdout).toBe('');
      expect(query.stderr).toMatch(/the folder does not verify .*LINE_INVALID 1.*Nothing was queried/);
    }, 30000);
  });

  describe('strings that are not well-formed Unicode', () => {
    it('names a lone surrogate escape in an event re-hashed to fit, by file and line', async () => {
      const { root, exportDir, dataFile, lines } = await tamperable();
      const at = lines.findIndex((line) => typeOf(line) === 'TWO_FA_DISABLED');
      // The forger re-hashes the item with a lone surrogate in it, as a lenient implementation would.
      const item = itemFromDynamoDbJson(parseLine(lines[at] as string).Item);
      item.details = { ...(item.details as Record<string, unknown>), reason: 'lost phone \ud800 x' };
      item.hash = forgersHash(item);
      lines[at] = JSON.stringify({ Item: itemToDynamoDbJson(item) });
      expect(lines[at]).toContain('lost phone \\ud800 x');
      await writeDataLines(dataFile, lines);
      await coverTracks(exportDir);
      const { errors } = await verifyStrictly(root);
      expect(errors.find((finding) => finding.code === 'LINE_INVALID')).toMatchObject({
        line: at + 1,
        message: expect.stringMatching(
          /lone surrogate \\ud800: not well-formed Unicode in "Item" > "details" > "M" > "reason" > "S"/,
        ),
      });
      const run = await auditStrictly(root);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        new RegExp(`ERROR LINE_INVALID AuditEvents/\\S+\\.json\\.gz:${at + 1}: not JSON \\(lone surrogate`),
      );
    }, 30000);

    it('names bytes that are not UTF-8 (an encoded surrogate) by file and line', async () => {
      const { root, exportDir, dataFile, lines } = await tamperable();
      const at = lines.findIndex((line) => typeOf(line) === 'TWO_FA_DISABLED');
      const [before, after] = (lines[at] as string).split('Telefoon kwijt');
      const bytes = lines.map((line, index) =>
        index === at
          ? Buffer.concat([
              Buffer.from(`${before}lost `),
              Buffer.from([0xed, 0xa0, 0x80]),
              Buffer.from(`${after}\n`),
            ])
          : Buffer.from(`${line}\n`),
      );
      await writeFile(dataFile, gzipSync(Buffer.concat(bytes)));
      await coverTracks(exportDir);
      const { errors } = await verifyStrictly(root);
      expect(errors.find((finding) => finding.code === 'LINE_INVALID')).toMatchObject({
        line: at + 1,
        message: 'not well-formed UTF-8',
      });
    });
  });

  it('catches any field of either manifest edited, checksums recomputed', async () => {
    const exportDir = await findExportDir(pristine, 'AuditEvents');
    const summary = JSON.parse(await readFile(join(exportDir, 'manifest-summary.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const changed = (value: unknown) =>
      typeof value === 'number' ? value + 1 : value === null ? 'x' : `${String(value)}x`;
    for (const field of Object.keys(summary)) {
      const copy = await tamperable();
      await editSummary(copy.exportDir, (edited) => {
        edited[field] = changed(edited[field]);
      });
      const { codes } = await verifyStrictly(copy.root);
      expect({ field, failed: codes.length > 0 }).toEqual({ field, failed: true });
      expect(
        codes.some((code) => code === 'DIGEST_MANIFEST_MISMATCH' || code === 'DIGEST_EXPORT_NOT_FOUND'),
      ).toBe(true);
    }
    const entry = JSON.parse(await readFile(join(exportDir, 'manifest-files.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    for (const field of Object.keys(entry)) {
      const copy = await tamperable();
      const text = `${JSON.stringify({ ...entry, [field]: changed(entry[field]) })}\n`;
      await writeFile(join(copy.exportDir, 'manifest-files.json'), text);
      await writeFile(
        join(copy.exportDir, 'manifest-files.checksum'),
        createHash('md5').update(text).digest('hex'),
      );
      const { codes } = await verifyStrictly(copy.root);
      expect({ field, codes }).toEqual({
        field,
        codes: expect.arrayContaining(['DIGEST_MANIFEST_MISMATCH']),
      });
    }
  }, 60000);

  it('checks audit events moved into another table, and requires a digest for them', async () => {
    const { root, exportDir, dataFile, lines } = await tamperable();
    const moved = lines.filter((line) => subjectOfLine(line) === 'customer#carla');
    await writeDataLines(
      dataFile,
      lines.filter((line) => subjectOfLine(line) !== 'customer#carla'),
    );
    await coverTracks(exportDir);
    const customersDir = await findExportDir(root, 'Customers');
    const [customersFile] = await dataFilesOf(customersDir);
    if (!customersFile) throw new Error('no Customers data file');
    await writeDataLines(customersFile, [...(await readDataLines(customersFile)), ...moved]);
    await coverTracks(customersDir);
    const { codes, errors, report } = await verifyStrictly(root);
    expect(report.eventsVerified).toBe(12);
    expect(codes).toEqual(
      expect.arrayContaining(['DIGEST_SUBJECT_MISSING', 'NO_DIGEST', 'DIGEST_MANIFEST_MISMATCH']),
    );
    expect(errors.find((finding) => finding.code === 'NO_DIGEST')?.file).toMatch(/^Customers\//);
  });

  it('with --require-digest, refuses a key that is not pinned and a folder with no digest', async () => {
    const unpinned = await verifyExports(pristine, { requireDigest: true });
    expect(Object.keys(unpinned.errorCounts)).toEqual(['KEY_NOT_PINNED']);

    const { root } = await tamperable();
    await rm(join(root, 'digests'), { recursive: true });
    const { codes } = await verifyStrictly(root);
    expect(codes).toEqual(['NO_DIGEST']);
    const run = await auditStrictly(root);
    expect(run.code).toBe(1);
  }, 30000);

  it('with --require-digest, refuses a folder whose audit trail is gone altogether', async () => {
    const { root } = await tamperable();
    await rm(join(root, 'AuditEvents'), { recursive: true });
    await rm(join(root, 'digests'), { recursive: true });
    const { codes } = await verifyStrictly(root);
    expect(codes).toEqual(['NO_AUDIT_TRAIL']);
    expect((await verifyExports(root)).warningCounts).toMatchObject({ NO_AUDIT_TRAIL: 1 });
  });

  // Last: it deletes a subject from the table.
  it("judges 'earlier' by the signed time: a later export moved back in time still meets yesterday's digest", async () => {
    for (const seq of [1, 2])
      await stack.dynamodb.send(
        new DeleteItemCommand({
          TableName: stack.tableNames.auditEvents,
          Key: { subject: { S: 'customer#anna' }, seq: { N: String(seq) } },
        }),
      );
    const later = join(await tempDir('tamper-later'), 'run');
    await exportStack(stack, later, keyFile);
    await editSummary(await findExportDir(later, 'AuditEvents'), (summary) => {
      summary.exportTime = '2000-01-01T00:00:00.000Z';
    });
    const report = await verifyExports(later, {
      requireDigest: true,
      trustedPublicKeys: [await readFile(publicKeyFile, 'utf8')],
      digestDirs: [join(pristine, 'digests')],
    });
    expect(report.errorCounts).toEqual({ DIGEST_MANIFEST_MISMATCH: 1, DIGEST_SUBJECT_MISSING: 1 });
    expect(report.findings.find((finding) => finding.code === 'DIGEST_SUBJECT_MISSING')).toMatchObject({
      subject: 'customer#anna',
      message: expect.stringMatching(/^the digest of \S+Z signed its chain up to seq 2/),
    });
  }, 30000);
});
