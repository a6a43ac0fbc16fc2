// The pieces of the export layout: DynamoDB JSON both ways, data files split like partitions, and the
// synthetic export generator the benchmark uses (valid chains, deterministic per seed).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixedClock, systemRandom } from '../../lib/clock';
import {
  DynamoDbJsonError,
  fromDynamoDbJson,
  itemFromDynamoDbJson,
  itemToDynamoDbJson,
  sdkItemToJson,
} from '../../lib/audit/dynamodb-json';
import { newExportId, writeTableExport } from '../../lib/audit/export-format';
import { verifyExports } from '../../auditor/verify-export';
import { generateAuditExport } from '../../bench/generate-audit-export';
import { dataFilesOf, findExportDir, readDataLines, removeTempDirs, tempDir } from './export-fixtures';

afterAll(async () => {
  await removeTempDirs();
});
describe('DynamoDB JSON', () => {
  it('round-trips the values audit items hold', () => {
    const item = {
      subject: 'customer#anna',
      seq: 12,
      details: {
        reasons: ['EMAIL_MISMATCH'],
        amountCents: 1250,
        privileged: false,
        note: null,
        nested: { a: [1.5] },
      },
    };
    const json = itemToDynamoDbJson(item);
    expect(json.seq).toEqual({ N: '12' });
    expect(json.details).toEqual({
      M: {
        reasons: { L: [{ S: 'EMAIL_MISMATCH' }] },
        amountCents: { N: '1250' },
        privileged: { BOOL: false },
        note: { NULL: true },
        nested: { M: { a: { L: [{ N: '1.5' }] } } },
      },
    });
    expect(itemFromDynamoDbJson(JSON.parse(JSON.stringify(json)))).toEqual(item);
  });

  it('writes binary as base64 and reads sets as arrays, as exports carry them', () => {
    expect(sdkItemToJson({ key: { B: new Uint8Array([1, 2, 255]) }, tags: { SS: ['a', 'b'] } })).toEqual({
      key: { B: 'AQL/' },
      tags: { SS: ['a', 'b'] },
    });
    expect(fromDynamoDbJson({ NS: ['1', '2.5'] })).toEqual([1, 2.5]);
  });

  it('names what is malformed', () => {
    expect(() => itemFromDynamoDbJson({ seq: { N: 'twelve' } })).toThrow(
      new DynamoDbJsonError('attribute seq: malformed N value: "twelve"'),
    );
    expect(() => fromDynamoDbJson({ S: 'a', N: '1' })).toThrow(/not a DynamoDB attribute value/);
    expect(() => fromDynamoDbJson({ X: 1 })).toThrow(/unknown DynamoDB type "X"/);
  });
});

describe('the export writer', () => {
  it('names exports like DynamoDB: start time in milliseconds and a random tail', () => {
    expect(newExportId(new Date('2025-01-02T03:04:05.678Z'), systemRandom)).toMatch(
      /^01735787045678-[0-9a-f]{8}$/,
    );
  });

  it('spreads items over data files of a bounded size', async () => {
    const root = await tempDir('writer');
    const clock = fixedClock('2025-01-02T00:00:00Z');
    const ids = Array.from({ length: 25 }, (_, index) => `item-${index}`);
    const items = ids.map((id) => itemToDynamoDbJson({ id }));
    const written = await writeTableExport(items, {
      rootDir: root,
      s3Bucket: 'bucket',
      s3Prefix: 'prefix/Table',
      tableArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/Table',
      tableId: '12345a12-abcd-123a-ab12-1234abc12345',
      exportTime: clock.now(),
      itemsPerFile: 10,
      random: systemRandom,
      now: () => clock.now(),
    });
    expect(written.files.map((file) => file.itemCount)).toEqual([10, 10, 5]);
    expect(written.dir).toBe(join(root, 'prefix', 'Table', 'AWSDynamoDB', written.exportId));
    const lines = (
      await Promise.all((await dataFilesOf(written.dir)).map((file) => readDataLines(file)))
    ).flat();
    expect(lines.map((line) => JSON.parse(line).Item.id.S).sort()).toEqual([...ids].sort());
    expect((await verifyExports(root)).ok).toBe(true);
  });
});

describe('the synthetic audit export (bench generator)', () => {
  it('writes valid chains over several files with a digest that verifies clean', async () => {
    const root = await tempDir('generated');
    const generated = await generateAuditExport({ outDir: root, events: 5000, subjects: 120, files: 4 });
    expect(generated).toMatchObject({ events: 5000, subjects: 120 });
    expect(await dataFilesOf(generated.exportDir)).toHaveLength(4);
    const report = await verifyExports(root);
    expect(report.errors).toBe(0);
    expect(report.exports[0]?.auditTrail).toMatchObject({ events: 5000, subjects: 120, digestsApplied: 1 });
  });

  it('writes the same events for the same seed', async () => {
    const first = await generateAuditExport({ outDir: await tempDir('seeded'), events: 300, seed: 'same' });
    const second = await generateAuditExport({ outDir: await tempDir('seeded'), events: 300, seed: 'same' });
    const read = async (dir: string) => Promise.all((await dataFilesOf(dir)).map((file) => readFile(file)));
    expect(await read(second.exportDir)).toEqual(await read(first.exportDir));
    expect(await findExportDir(second.outDir, 'AuditEvents')).toBe(second.exportDir);
  });
});
