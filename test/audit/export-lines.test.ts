// The lines of an export's data file: a full export's {"Item"} and an incremental export's
// {"Metadata", "Keys", "NewImage"} are read as the item; an old image (an audit item rewritten or
// deleted in the table, which only ever grows) is reported, never read as an event.
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { MAX_LINE_BYTES, scanExportLines, type ExportLine } from '../../lib/audit/export-lines';

const scan = async (lines: unknown[]) => {
  const seen: ExportLine[] = [];
  await scanExportLines(
    Readable.from([gzipSync(lines.map((line) => JSON.stringify(line)).join('\n'))]),
    (line) => {
      seen.push(line);
    },
  );
  return seen;
};

const keys = { subject: { S: 'customer#anna' }, seq: { N: '2' } };
const image = { ...keys, hash: { S: 'ab' } };

describe('an export data line', () => {
  it('gives the item of a full export line and the new image of an incremental one', async () => {
    const metadata = { WriteTimestampMicros: { N: '1764633600000000' } };
    expect(await scan([{ Item: image }, { Metadata: metadata, Keys: keys, NewImage: image }])).toEqual([
      { line: 1, item: { subject: 'customer#anna', seq: 2, hash: 'ab' } },
      { line: 2, item: { subject: 'customer#anna', seq: 2, hash: 'ab' } },
    ]);
  });

  it('reports an audit item that was changed or deleted instead of reading it as an event', async () => {
    const changed = { Keys: keys, OldImage: image, NewImage: { ...image, hash: { S: 'cd' } } };
    const deleted = { Keys: keys, OldImage: image };
    const keysOnly = { Keys: keys };
    expect(await scan([changed, deleted, keysOnly, 42, ['Item']])).toEqual([
      { line: 1, problem: 'an audit item changed or deleted (an OldImage line)' },
      { line: 2, problem: 'an audit item changed or deleted (an OldImage line)' },
      { line: 3, problem: 'not an {"Item": {…}} or {"NewImage": {…}} line' },
      { line: 4, problem: 'not an {"Item": {…}} or {"NewImage": {…}} line' },
      { line: 5, problem: 'not an {"Item": {…}} or {"NewImage": {…}} line' },
    ]);
  });
});

describe('a line no DynamoDB item could be', () => {
  it('is reported as a problem of its own line, and the lines around it are still read', async () => {
    const huge = 'x'.repeat(9 * 1024 * 1024);
    const text = [{ Item: image }, { Item: { ...image, note: { S: huge } } }, { Item: image }]
      .map((line) => JSON.stringify(line))
      .join('\n');
    const seen: ExportLine[] = [];
    const result = await scanExportLines(Readable.from([gzipSync(text)]), (line) => {
      seen.push(line);
    });
    const length = JSON.stringify({ Item: { ...image, note: { S: huge } } }).length;
    expect(seen.map((line) => ('item' in line ? 'item' : line.problem))).toEqual([
      'item',
      `the line is ${length} bytes, over the ${MAX_LINE_BYTES} any DynamoDB item (400 KB at most) can take: not read`,
      'item',
    ]);
    expect(seen.map((line) => line.line)).toEqual([1, 2, 3]);
    expect(result).toMatchObject({ lines: 3, items: 2 });
  });

  it('is reported when it is the last line and has no newline', async () => {
    const seen: ExportLine[] = [];
    await scanExportLines(
      Readable.from([gzipSync(`${JSON.stringify({ Item: image })}\n${'y'.repeat(2000)}`)]),
      (line) => {
        seen.push(line);
      },
      1000,
    );
    expect(seen[1]).toEqual({
      line: 2,
      problem: 'the line is 2000 bytes, over the 1000 any DynamoDB item (400 KB at most) can take: not read',
    });
  });
});

describe('numbers in DynamoDB JSON', () => {
  it('are read as DynamoDB writes them', async () => {
    const numbers = ['3', '-12', '0', '0.5', '-1.25', '1e+21', '1e-7', '12345678901234567890'];
    const seen = await scan(numbers.map((n) => ({ Item: { ...image, value: { N: n } } })));
    expect(seen.map((line) => ('item' in line ? line.item.value : line.problem))).toEqual(
      numbers.map(Number),
    );
  });

  it('are refused when spelled any other way, instead of hashed as the number they parse to', async () => {
    const spellings = [
      '0x3',
      ' 1e1 ',
      '1e1',
      '03',
      '1.50',
      '+1',
      '-0',
      '0b11',
      '1_000',
      '',
      'Infinity',
      '1.',
    ];
    const seen = await scan(spellings.map((n) => ({ Item: { ...image, value: { N: n } } })));
    for (const line of seen)
      expect(line).toMatchObject({ problem: expect.stringMatching(/malformed N value/) });
    const sets = await scan([{ Item: { ...image, values: { NS: ['1', '0x3'] } } }]);
    expect(sets[0]).toMatchObject({ problem: expect.stringMatching(/malformed NS value/) });
  });
});
