// `audit verify` against an export tampered with in every way the issue names: each is caught, named by
// subject and seq or by file and line, with a non-zero exit code — and an untouched export verifies clean.
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { hashOfItem } from '../../lib/audit/chain';
import { itemFromDynamoDbJson, itemToDynamoDbJson } from '../../lib/audit/dynamodb-json';
import { verifyExports, type VerifyOptions } from '../../auditor/verify-export';
import { startTestStack, type TestStack } from '../support/stack';
import {
  copyExport,
  coverTracks,
  dataFilesOf,
  exportStack,
  findExportDir,
  parseLine,
  readDataLines,
  runAudit,
  seqOfLine,
  subjectOfLine,
  removeTempDirs,
  tempDir,
  writeAuditTrail,
  writeDataLines,
} from './export-fixtures';

let stack: TestStack;
let pristine: string;
let keyFile: string;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  await writeAuditTrail(stack);
  pristine = join(await tempDir('export'), 'run');
  keyFile = join(await tempDir('digest-key'), 'key.pem');
  await exportStack(stack, pristine, keyFile);
}, 60000);

afterAll(async () => {
  await stack?.stop();
  await removeTempDirs();
});

/** A copy of the pristine export and its AuditEvents data file, ready to be tampered with. */
const tamperable = async () => {
  const root = await copyExport(pristine);
  const exportDir = await findExportDir(root, 'AuditEvents');
  const [dataFile] = await dataFilesOf(exportDir);
  if (!dataFile) throw new Error('no AuditEvents data file');
  return { root, exportDir, dataFile, lines: await readDataLines(dataFile) };
};

const verify = async (root: string, options: VerifyOptions = {}) => {
  const report = await verifyExports(root, options);
  const errors = report.findings.filter((finding) => finding.level === 'error');
  return { report, errors, codes: [...new Set(errors.map((finding) => finding.code))].sort() };
};

/** Re-hashes an edited item the way a careful forger would, so only the link to it can give it away. */
const rehash = (line: string, edit: (item: Record<string, unknown>) => void) => {
  const item = itemFromDynamoDbJson(parseLine(line).Item);
  edit(item);
  item.hash = hashOfItem(item);
  return JSON.stringify({ Item: itemToDynamoDbJson(item) });
};

const lineOf = (lines: string[], subject: string, seq: number) =>
  lines.findIndex((line) => subjectOfLine(line) === subject && seqOfLine(line) === seq);

describe('audit verify', () => {
  it('passes an untouched export, exit code 0', async () => {
    const { codes, report } = await verify(pristine);
    expect(codes).toEqual([]);
    expect(report.eventsVerified).toBe(12);
    const run = await runAudit(['verify', pristine]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/12 audit events in 3 chains, 1 digest\(s\) applied/);
  }, 30000);

  it('names a changed event by subject and seq, and the file line it is on', async () => {
    const { root, dataFile, lines, exportDir } = await tamperable();
    const at = lineOf(lines, 'customer#bram', 4);
    lines[at] = (lines[at] as string).replace('Telefoon kwijt', 'Klant belde zelf');
    await writeDataLines(dataFile, lines);
    await coverTracks(exportDir);
    const { errors, codes } = await verify(root);
    // Recomputed MD5s make the manifests agree with the data, but not with the digest that signed them.
    expect(codes).toEqual(['DIGEST_MANIFEST_MISMATCH', 'HASH_MISMATCH']);
    expect(errors.find((finding) => finding.code === 'HASH_MISMATCH')).toMatchObject({
      subject: 'customer#bram',
      seq: 4,
      line: at + 1,
      file: expect.stringMatching(/^AuditEvents\/AWSDynamoDB\/[^/]+\/data\/[a-z2-7]{26}\.json\.gz$/),
      message: expect.stringMatching(/content does not match its hash/),
    });

    const run = await runAudit(['verify', root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `ERROR HASH_MISMATCH customer#bram seq 4 AuditEvents/\\S+\\.json\\.gz:${at + 1}: content does not match`,
      ),
    );
    expect(run.stdout).toMatch(/FAILED: 2 problems \(DIGEST_MANIFEST_MISMATCH 1, HASH_MISMATCH 1\)/);
  }, 30000);

  it('catches a changed event through the MD5 when the manifest was left alone', async () => {
    const { root, dataFile, lines } = await tamperable();
    const at = lineOf(lines, 'customer#carla', 3);
    lines[at] = rehash(lines[at] as string, (item) => {
      item.actorId = 'someone-else';
    });
    await writeDataLines(dataFile, lines);
    const { codes, errors } = await verify(root);
    // Re-hashed to fit, the event itself passes; its link to the next one and the MD5 do not.
    expect(codes).toEqual(['MD5_MISMATCH', 'PREV_HASH_MISMATCH', 'TREE_HEAD_MISMATCH']);
    expect(errors.find((finding) => finding.code === 'PREV_HASH_MISMATCH')).toMatchObject({
      subject: 'customer#carla',
      seq: 4,
    });
  });

  it('names a missing event', async () => {
    const { root, dataFile, lines, exportDir } = await tamperable();
    lines.splice(lineOf(lines, 'customer#carla', 2), 1);
    await writeDataLines(dataFile, lines);
    await coverTracks(exportDir);
    const { codes, errors } = await verify(root);
    expect(codes).toEqual([
      'DIGEST_COUNT_MISMATCH',
      'DIGEST_MANIFEST_MISMATCH',
      'MISSING',
      'TREE_HEAD_MISMATCH',
    ]);
    expect(errors.find((finding) => finding.code === 'MISSING')).toMatchObject({
      subject: 'customer#carla',
      seq: 2,
      message: 'event 2 is missing',
    });
  });

  it('names reordered events (their seqs swapped)', async () => {
    const { root, dataFile, lines, exportDir } = await tamperable();
    const second = lineOf(lines, 'customer#bram', 2);
    const third = lineOf(lines, 'customer#bram', 3);
    lines[second] = (lines[second] as string).replace('"seq":{"N":"2"}', '"seq":{"N":"3"}');
    lines[third] = (lines[third] as string).replace('"seq":{"N":"3"}', '"seq":{"N":"2"}');
    await writeDataLines(dataFile, lines);
    await coverTracks(exportDir);
    const { errors } = await verify(root);
    const named = errors.map((finding) => `${finding.code} ${finding.subject} ${finding.seq}`);
    expect(named).toEqual(
      expect.arrayContaining([
        'HASH_MISMATCH customer#bram 2',
        'HASH_MISMATCH customer#bram 3',
        'PREV_HASH_MISMATCH customer#bram 2',
        'PREV_HASH_MISMATCH customer#bram 3',
      ]),
    );
  });

  it('does not mind the lines of an export in another order (exports are unordered)', async () => {
    const { root, dataFile, lines, exportDir } = await tamperable();
    await writeDataLines(dataFile, [...lines].reverse());
    await coverTracks(exportDir);
    const { codes } = await verify(root);
    // Only the data file's MD5 changed (bound by the digest through manifest-files.json).
    expect(codes).toEqual(['DIGEST_MANIFEST_MISMATCH']);
  });

  it('names an inserted event that claims an existing seq', async () => {
    const { root, dataFile, lines, exportDir } = await tamperable();
    const original = lines[lineOf(lines, 'customer#bram', 3)] as string;
    lines.push(
      rehash(original, (item) => {
        item.eventId = '01JAAAAAAAAAAAAAAAAAAAAAAA';
        item.type = 'VERIFICATION_COMPLETED';
      }),
    );
    await writeDataLines(dataFile, lines);
    await coverTracks(exportDir);
    const { errors } = await verify(root);
    expect(errors.map((finding) => `${finding.code} ${finding.subject} ${finding.seq}`)).toEqual(
      expect.arrayContaining(['DUPLICATE customer#bram 3']),
    );
    expect(errors.find((finding) => finding.code === 'DUPLICATE')?.line).toBe(lines.length);
  });

  it('catches an event appended to a chain with a valid hash by the signed digest', async () => {
    const { root, dataFile, lines, exportDir } = await tamperable();
    const head = lines[lineOf(lines, 'customer#anna', 2)] as string;
    const headItem = itemFromDynamoDbJson(parseLine(head).Item);
    const forged: Record<string, unknown> = {
      ...headItem,
      seq: 3,
      type: 'TWO_FA_DISABLED',
      actorType: 'admin',
      actorId: 'admin-mallory',
      details: { reason: 'no verification' },
      prevHash: headItem.hash,
    };
    forged.hash = hashOfItem(forged);
    lines.push(JSON.stringify({ Item: itemToDynamoDbJson(forged) }));
    await writeDataLines(dataFile, lines);
    await coverTracks(exportDir);
    const { codes, errors } = await verify(root);
    expect(codes).toEqual([
      'DIGEST_COUNT_MISMATCH',
      'DIGEST_HEAD_MISMATCH',
      'DIGEST_MANIFEST_MISMATCH',
      'TREE_HEAD_MISMATCH',
    ]);
    expect(errors.find((finding) => finding.code === 'DIGEST_HEAD_MISMATCH')).toMatchObject({
      subject: 'customer#anna',
      seq: 3,
      message: expect.stringMatching(/goes on to seq 3 past the head the digest of this export signed/),
    });
  });

  it('names an item missing its hash, with file and line', async () => {
    const { root, dataFile, lines, exportDir } = await tamperable();
    const at = lineOf(lines, 'customer#anna', 1);
    const line = parseLine(lines[at] as string);
    delete line.Item.hash;
    lines[at] = JSON.stringify(line);
    await writeDataLines(dataFile, lines);
    await coverTracks(exportDir);
    const { errors, codes } = await verify(root);
    expect(codes).toEqual(['DIGEST_MANIFEST_MISMATCH', 'MISSING_HASH']);
    expect(errors.find((finding) => finding.code === 'MISSING_HASH')).toMatchObject({
      subject: 'customer#anna',
      seq: 1,
      line: at + 1,
    });
  });

  it('reports a truncated gzip by file, and still verifies the lines before the cut and the other files', async () => {
    const { root, dataFile, lines } = await tamperable();
    const size = (await readFile(dataFile)).length;
    await truncate(dataFile, Math.floor(size * 0.6));
    const { codes, errors, report } = await verify(root);
    expect(codes).toEqual(expect.arrayContaining(['GZIP_BROKEN', 'ITEM_COUNT_MISMATCH', 'MD5_MISMATCH']));
    expect(errors.find((finding) => finding.code === 'GZIP_BROKEN')).toMatchObject({
      file: expect.stringMatching(/AuditEvents\/AWSDynamoDB\/.+\.json\.gz$/),
      message: expect.stringMatching(/truncated or corrupt .* the lines before it were verified/),
    });
    expect(report.eventsVerified).toBeGreaterThan(0);
    expect(report.eventsVerified).toBeLessThan(lines.length);
    expect(report.exports.find((verified) => verified.table.endsWith('Customers'))?.itemsRead).toBe(3);

    const run = await runAudit(['verify', root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ERROR GZIP_BROKEN AuditEvents\/\S+\.json\.gz/);
  }, 30000);

  it('names a line that is not JSON by file and line, and verifies the rest', async () => {
    const { root, dataFile, lines, exportDir } = await tamperable();
    lines.splice(4, 0, '{"Item": {"subject": {"S": "customer#x"}, oops');
    await writeDataLines(dataFile, lines);
    await coverTracks(exportDir);
    const { errors, codes, report } = await verify(root);
    expect(codes).toEqual(['DIGEST_MANIFEST_MISMATCH', 'LINE_INVALID']);
    expect(errors.find((finding) => finding.code === 'LINE_INVALID')).toMatchObject({
      line: 5,
      message: expect.stringMatching(/^not JSON/),
    });
    expect(report.eventsVerified).toBe(12);
  });

  it('names as LINE_INVALID a line longer than any DynamoDB item, and numbers spelled 0x3 or " 1e1 "', async () => {
    const { root, dataFile, lines, exportDir } = await tamperable();
    const third = lineOf(lines, 'customer#bram', 3);
    const second = lineOf(lines, 'customer#carla', 2);
    const spell = (index: number, spelling: string) =>
      (lines[index] ?? '').replace(/"seq":\{"N":"\d+"\}/, `"seq":{"N":"${spelling}"}`);
    // 0x3 parses to bram's very seq 3: read leniently, the line would verify as if untouched.
    lines[third] = spell(third, '0x3');
    lines[second] = spell(second, ' 1e1 ');
    // Over the 8 MB no 400 KB item reaches, in one line: reported, not read into a string.
    lines.push(`{"Item":{"subject":{"S":"${'a'.repeat(9 * 2 ** 20)}"}}}`);
    await writeDataLines(dataFile, lines);
    await coverTracks(exportDir);
    const { errors } = await verify(root);
    const invalid = errors.filter((finding) => finding.code === 'LINE_INVALID');
    expect(invalid.map((finding) => [finding.line, finding.message])).toEqual(
      expect.arrayContaining([
        [third + 1, expect.stringMatching(/malformed N value/)],
        [second + 1, expect.stringMatching(/malformed N value/)],
        [lines.length, expect.stringMatching(/^the line is \d+ bytes, over the \d+ any DynamoDB item/)],
      ]),
    );
    expect(invalid).toHaveLength(3);
  });

  it('names a manifest line that lists a missing file', async () => {
    const { root, dataFile } = await tamperable();
    await rm(dataFile);
    const { errors, codes } = await verify(root);
    expect(codes).toEqual(expect.arrayContaining(['DATA_FILE_MISSING']));
    expect(errors.find((finding) => finding.code === 'DATA_FILE_MISSING')).toMatchObject({
      file: expect.stringMatching(/AuditEvents\/AWSDynamoDB\/[^/]+\/manifest-files\.json$/),
      line: 1,
      message: expect.stringMatching(/lists .*\.json\.gz, which is missing \(12 items not verified\)/),
    });
    // The digest still knows the chains: every subject is reported gone.
    expect(errors.filter((finding) => finding.code === 'DIGEST_SUBJECT_MISSING')).toHaveLength(3);
  });

  it('catches a wrong MD5 in the manifest', async () => {
    const { root, exportDir } = await tamperable();
    const manifestFile = join(exportDir, 'manifest-files.json');
    const entry = JSON.parse(await readFile(manifestFile, 'utf8'));
    entry.md5Checksum = createHash('md5').update('something else').digest('base64');
    const text = `${JSON.stringify(entry)}\n`;
    await writeFile(manifestFile, text);
    await writeFile(join(exportDir, 'manifest-files.checksum'), createHash('md5').update(text).digest('hex'));
    const { codes, errors } = await verify(root);
    expect(codes).toEqual(['DIGEST_MANIFEST_MISMATCH', 'MD5_MISMATCH']);
    expect(errors.find((finding) => finding.code === 'MD5_MISMATCH')?.message).toMatch(
      /differs from the manifest's/,
    );
  });

  it('catches a changed manifest through its .checksum file', async () => {
    const { root, exportDir } = await tamperable();
    const manifestFile = join(exportDir, 'manifest-files.json');
    await writeFile(
      manifestFile,
      (await readFile(manifestFile, 'utf8')).replace('"itemCount":12', '"itemCount":12 '),
    );
    const { codes } = await verify(root);
    expect(codes).toEqual(['CHECKSUM_MISMATCH', 'DIGEST_MANIFEST_MISMATCH']);
  });

  it('catches a wrong item count, per file and in the summary', async () => {
    const { root, exportDir } = await tamperable();
    const manifestFile = join(exportDir, 'manifest-files.json');
    const text = (await readFile(manifestFile, 'utf8')).replace('"itemCount":12', '"itemCount":11');
    await writeFile(manifestFile, text);
    await writeFile(join(exportDir, 'manifest-files.checksum'), createHash('md5').update(text).digest('hex'));
    const { errors, codes } = await verify(root);
    expect(codes).toEqual(['DIGEST_MANIFEST_MISMATCH', 'ITEM_COUNT_MISMATCH']);
    expect(
      errors.filter((finding) => finding.code === 'ITEM_COUNT_MISMATCH').map((finding) => finding.message),
    ).toEqual([
      'holds 12 items, the manifest says 11',
      'the summary says 12 items, manifest-files.json lists 11',
    ]);
  });

  it('reports a data file nobody listed', async () => {
    const { root, exportDir } = await tamperable();
    await writeFile(join(exportDir, 'data', 'extraextraextraextraextrax.json.gz'), gzipSync(''));
    const { codes } = await verify(root);
    expect(codes).toEqual(['DATA_FILE_UNLISTED']);
  });

  it('catches a whole subject deleted from the export by the digest, chains alone cannot', async () => {
    const { root, dataFile, lines, exportDir } = await tamperable();
    await writeDataLines(
      dataFile,
      lines.filter((line) => subjectOfLine(line) !== 'customer#carla'),
    );
    await coverTracks(exportDir);
    const { errors, codes } = await verify(root);
    expect(codes).toEqual([
      'DIGEST_COUNT_MISMATCH',
      'DIGEST_MANIFEST_MISMATCH',
      'DIGEST_SUBJECT_MISSING',
      'TREE_HEAD_MISMATCH',
    ]);
    expect(errors.find((finding) => finding.code === 'DIGEST_SUBJECT_MISSING')).toMatchObject({
      subject: 'customer#carla',
      seq: 5,
      message: expect.stringMatching(/the subject was deleted/),
    });

    await rm(join(root, 'digests'), { recursive: true });
    const withoutDigest = await verify(root, { requireDigest: true });
    expect(withoutDigest.codes).toEqual(['NO_DIGEST']);
    const run = await runAudit(['verify', root]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/warning NO_DIGEST/);
  }, 30000);

  it("catches a chain's cut tail by the digest", async () => {
    const { root, dataFile, lines, exportDir } = await tamperable();
    lines.splice(lineOf(lines, 'customer#bram', 5), 1);
    await writeDataLines(dataFile, lines);
    await coverTracks(exportDir);
    const { errors, codes } = await verify(root);
    expect(codes).toEqual([
      'DIGEST_COUNT_MISMATCH',
      'DIGEST_HEAD_MISSING',
      'DIGEST_MANIFEST_MISMATCH',
      'TREE_HEAD_MISMATCH',
    ]);
    expect(errors.find((finding) => finding.code === 'DIGEST_HEAD_MISSING')).toMatchObject({
      subject: 'customer#bram',
      seq: 5,
      message: expect.stringMatching(/ends at seq 4 .* signed seq 5: event 5 was removed/),
    });
  });

  it('refuses a digest that was edited, or signed by a key other than the pinned one', async () => {
    const { root } = await tamperable();
    const [file] = (await readdir(join(root, 'digests')))
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(root, 'digests', name));
    if (!file) throw new Error('no digest in the export');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('["customer#carla",5,', '["customer#carla",4,'));
    const edited = await verify(root);
    expect(edited.codes).toEqual(['DIGEST_SIGNATURE_INVALID']);

    await writeFile(file, text);
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    const pinned = await verify(root, { trustedPublicKeys: [otherKey.toString()] });
    expect(pinned.codes).toEqual(['DIGEST_UNTRUSTED_KEY']);
  });

  it('catches a subject deleted from the table between two exports with the earlier digest', async () => {
    const later = join(await tempDir('export-later'), 'run');
    // An insider with table access deletes a customer's trail before the next export runs.
    for (const seq of [1, 2])
      await stack.dynamodb.send(
        new DeleteItemCommand({
          TableName: stack.tableNames.auditEvents,
          Key: { subject: { S: 'customer#anna' }, seq: { N: String(seq) } },
        }),
      );
    await exportStack(stack, later, keyFile);
    // On its own the later export is consistent: its digest was made after the deletion.
    expect((await verify(later)).codes).toEqual([]);
    const { errors, codes } = await verify(later, { digestDirs: [join(pristine, 'digests')] });
    expect(codes).toEqual(['DIGEST_SUBJECT_MISSING']);
    expect(errors[0]).toMatchObject({
      subject: 'customer#anna',
      message: expect.stringMatching(/^the digest of \S+Z signed its chain up to seq 2/),
    });

    const run = await runAudit(['verify', later, '--digests', join(pristine, 'digests')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ERROR DIGEST_SUBJECT_MISSING customer#anna seq 2/);
  }, 30000);

  it('answers wrong usage with exit code 2', async () => {
    expect((await runAudit(['verify'])).code).toBe(2);
    const missing = await runAudit(['verify', join(pristine, 'no-such-folder')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/is not a folder/);
    expect((await runAudit(['frobnicate'])).code).toBe(2);
  }, 30000);
});
