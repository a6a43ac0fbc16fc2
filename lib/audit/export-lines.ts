// The data lines of a DynamoDB export (full: {"Item"}, incremental: {"NewImage"}): a gzip file streamed
// line by line in constant memory, each line parsed strictly from DynamoDB JSON, a broken one named by its line. Read by the scheduled export
// (which signs the chain heads it sees) and by the auditors' verify and query.
import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parseStrictJson, StrictJsonError } from '../strict-json';
import { DynamoDbJsonError, itemFromDynamoDbJson } from './dynamodb-json';

export type ExportLine = { line: number; item: Record<string, unknown> } | { line: number; problem: string };

export interface LineScan {
  /** Lines that held an item or a problem (blank lines are not counted). */
  lines: number;
  items: number;
  /** Set when the gzip stream broke: truncated or corrupt. */
  gzipError?: string;
  /** The line that was cut off by the broken gzip stream, if one was. */
  cutOffLine?: number;
}

/**
 * A DynamoDB item is 400 KB at most; as DynamoDB JSON, with every character escaped, a few megabytes.
 * A longer line is refused as it streams past, never held: a 700 MB line would not fit in a string.
 */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

const describeLine = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

const parseExportLine = (text: string): { item: Record<string, unknown> } | { problem: string } => {
  let parsed: unknown;
  try {
    parsed = parseStrictJson(text);
  } catch (error) {
    if (!(error instanceof StrictJsonError)) throw error;
    return { problem: `not JSON (${error.message}): ${JSON.stringify(describeLine(text))}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { problem: 'not an {"Item": {…}} or {"NewImage": {…}} line' };
  const line = parsed as { Item?: unknown; NewImage?: unknown; OldImage?: unknown };
  // An incremental export writes {Metadata, Keys, NewImage, OldImage} per changed item. Audit events are
  // only ever added: an old image means one was rewritten or deleted, which is reported, never read as new.
  if ('OldImage' in line) return { problem: 'an audit item changed or deleted (an OldImage line)' };
  const item = 'Item' in line ? line.Item : line.NewImage;
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return { problem: 'not an {"Item": {…}} or {"NewImage": {…}} line' };
  try {
    return { item: itemFromDynamoDbJson(item as Record<string, unknown>) };
  } catch (error) {
    if (error instanceof DynamoDbJsonError) return { problem: `not DynamoDB JSON: ${error.message}` };
    throw error;
  }
};

/** Carries an error thrown by the visitor past the gzip error handling, untouched. */
class VisitorError {
  constructor(readonly error: unknown) {}
}

/**
 * Streams a gzip data file line by line in constant memory. A broken gzip stream ends the scan with
 * `gzipError`; every line before it has been visited. An error thrown by `visit` stops the scan.
 */
export const scanExportLines = async (
  gzipped: Readable,
  visit: (line: ExportLine) => void | Promise<void>,
  maxLineBytes = MAX_LINE_BYTES,
): Promise<LineScan> => {
  const gunzip = createGunzip({ chunkSize: 1 << 16 });
  gzipped.on('error', (error) => gunzip.destroy(error));
  gzipped.pipe(gunzip);
  const scan: LineScan = { lines: 0, items: 0 };
  let lineNumber = 0;
  // Lines are cut as bytes and each is checked to be UTF-8 before decoding: a decoder would turn
  // invalid bytes into U+FFFD silently, and the hash would cover text nobody wrote.
  let rest: Buffer[] = [];
  let restBytes = 0;
  /** Bytes of the current line when it passed maxLineBytes (its bytes are dropped, not kept). */
  let oversized = 0;
  const visitLine = async (line: ExportLine) => {
    try {
      const pending = visit(line);
      if (pending) await pending;
    } catch (error) {
      throw new VisitorError(error);
    }
  };
  const handleOversized = async () => {
    lineNumber += 1;
    scan.lines += 1;
    const bytes = oversized;
    oversized = 0;
    await visitLine({
      line: lineNumber,
      problem: `the line is ${bytes} bytes, over the ${maxLineBytes} any DynamoDB item (400 KB at most) can take: not read`,
    });
  };
  const handle = async (bytes: Buffer) => {
    lineNumber += 1;
    const utf8 = isUtf8(bytes);
    const text = bytes.toString('utf8');
    if (text.trim() === '') return;
    scan.lines += 1;
    const parsed = utf8 ? parseExportLine(text) : { problem: 'not well-formed UTF-8' };
    if ('item' in parsed) scan.items += 1;
    await visitLine({ line: lineNumber, ...parsed });
  };
  try {
    for await (const chunk of gunzip) {
      const bytes = chunk as Buffer;
      let start = 0;
      for (let end = bytes.indexOf(0x0a, start); end !== -1; end = bytes.indexOf(0x0a, start)) {
        const piece = bytes.subarray(start, end);
        if (oversized > 0 || restBytes + piece.length > maxLineBytes) {
          oversized = Math.max(oversized, restBytes) + piece.length;
          rest = [];
          restBytes = 0;
          await handleOversized();
        } else {
          const line = rest.length === 0 ? piece : Buffer.concat([...rest, piece]);
          rest = [];
          restBytes = 0;
          await handle(line);
        }
        start = end + 1;
      }
      if (start < bytes.length) {
        const piece = bytes.subarray(start);
        if (oversized > 0 || restBytes + piece.length > maxLineBytes) {
          oversized = Math.max(oversized, restBytes) + piece.length;
          rest = [];
          restBytes = 0;
        } else {
          rest.push(piece);
          restBytes += piece.length;
        }
      }
    }
    if (oversized > 0) await handleOversized();
    else if (rest.length > 0) await handle(Buffer.concat(rest));
    return scan;
  } catch (error) {
    if (error instanceof VisitorError) throw error.error;
    scan.gzipError = (error as Error).message;
    if (oversized > 0 || Buffer.concat(rest).toString('utf8').trim() !== '') scan.cutOffLine = lineNumber + 1;
    return scan;
  } finally {
    gzipped.unpipe(gunzip);
    gunzip.destroy();
    gzipped.destroy();
  }
};
