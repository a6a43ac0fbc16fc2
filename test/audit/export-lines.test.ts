// The lines of an export's data file: a full export's {"Item"} and an incremental export's
// {"Metadata", "Keys", "NewImage"} are read as the item; an old image (an audit item rewritten or
// deleted in the table, which only ever grows) is reported, never read as an event.
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { scanExportLines, type ExportLine } from '../../lib/audit/export-lines';

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
