// DynamoDB's S3 export layout (ExportTableToPointInTime, DYNAMODB_JSON): names, manifest shapes, and a
// writer that lays a table's items out exactly so, for the local stack and synthetic benchmarks.
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import type { Random } from '../clock';
import type { DynamoDbItem } from './dynamodb-json';

/** `<s3Prefix>/AWSDynamoDB/<exportId>/`: the folder DynamoDB writes each export into. */
export const EXPORT_FOLDER = 'AWSDynamoDB';
export const MANIFEST_SUMMARY = 'manifest-summary.json';
export const MANIFEST_FILES = 'manifest-files.json';
export const MANIFEST_SUMMARY_CHECKSUM = 'manifest-summary.checksum';
export const MANIFEST_FILES_CHECKSUM = 'manifest-files.checksum';
export const STARTED_MARKER = '_started';
export const DATA_FOLDER = 'data';

/** manifest-summary.json, field for field as DynamoDB writes it (version 2020-06-30). */
export interface ManifestSummary {
  version: string;
  exportArn: string;
  startTime: string;
  endTime: string;
  tableArn: string;
  tableId: string;
  exportTime: string;
  s3Bucket: string;
  s3Prefix: string | null;
  s3SseAlgorithm: string;
  s3SseKmsKeyId: string | null;
  manifestFilesS3Key: string;
  billedSizeBytes: number;
  itemCount: number;
  outputFormat: 'DYNAMODB_JSON' | 'ION';
  exportType?: 'FULL_EXPORT' | 'INCREMENTAL_EXPORT';
  /** An incremental export's window [from, to) and view; its exportTime is the window's end. */
  exportFromTime?: string;
  exportToTime?: string;
  outputView?: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE';
}

/** One line of manifest-files.json. */
export interface ManifestFileEntry {
  itemCount: number;
  /** Base64 of the MD5 of the gzip file, as S3's Content-MD5 carries it. */
  md5Checksum: string;
  /** The S3 ETag: DynamoDB uploads in parts, so it reads `<md5 of the part MD5s>-<parts>`. */
  etag: string;
  dataFileS3Key: string;
}

/** Export ids look like `01700000000000-1a2b3c4d`: the start time in milliseconds and a random tail. */
export const newExportId = (at: Date, random: Random) =>
  `${String(at.getTime()).padStart(14, '0')}-${random.bytes(4).toString('hex')}`;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Data file names are 26 lowercase base32 characters, as in DynamoDB's exports. */
export const newDataFileName = (random: Random) => {
  const bytes = random.bytes(26);
  let name = '';
  for (const byte of bytes) name += BASE32[byte % 32];
  return `${name}.json.gz`;
};

export const exportKeyPrefix = (s3Prefix: string | null, exportId: string) =>
  posix.join(...(s3Prefix ? [s3Prefix] : []), EXPORT_FOLDER, exportId);

/** The ETag S3 gives an object uploaded in one part of a multipart upload: MD5 of the part's MD5, "-1". */
export const singlePartEtag = (md5: Buffer) => `${createHash('md5').update(md5).digest('hex')}-1`;

/** A gzip data file written line by line, with its MD5 taken over the compressed bytes as they leave. */
class DataFileWriter {
  private readonly gzip: Gzip;
  private readonly out: WriteStream;
  private readonly md5: Hash = createHash('md5');
  private pending: string[] = [];
  private pendingBytes = 0;
  itemCount = 0;
  uncompressedBytes = 0;

  constructor(
    readonly path: string,
    private readonly lineOf: (item: DynamoDbItem) => unknown = (item) => ({ Item: item }),
  ) {
    this.gzip = createGzip();
    this.out = createWriteStream(path);
    this.gzip.on('data', (chunk: Buffer) => this.md5.update(chunk));
    this.gzip.pipe(this.out);
  }

  async writeItem(item: DynamoDbItem) {
    const line = `${JSON.stringify(this.lineOf(item))}\n`;
    this.pending.push(line);
    this.pendingBytes += line.length;
    this.itemCount += 1;
    // Batching lines into ~1 MiB writes keeps gzip busy without holding more than that in memory.
    if (this.pendingBytes >= 1 << 20) await this.flush();
  }

  private async flush() {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingBytes = 0;
    this.uncompressedBytes += chunk.length;
    if (!this.gzip.write(chunk)) await once(this.gzip, 'drain');
  }

  async close(): Promise<{ md5: Buffer; itemCount: number; uncompressedBytes: number }> {
    await this.flush();
    const finished = once(this.out, 'finish');
    this.gzip.end();
    await finished;
    return { md5: this.md5.digest(), itemCount: this.itemCount, uncompressedBytes: this.uncompressedBytes };
  }
}

export interface TableExportOptions {
  /** Stands in for the bucket: files go to `<rootDir>/<s3Prefix>/AWSDynamoDB/<exportId>/`. */
  rootDir: string;
  s3Bucket: string;
  s3Prefix: string | null;
  tableArn: string;
  tableId: string;
  exportTime: Date;
  /** DynamoDB writes one file per partition; locally items are spread over files of this many items. */
  itemsPerFile?: number;
  /** Which data file an item goes to; by default items fill files in turn. */
  fileOf?: (item: DynamoDbItem, fileCount: number) => number;
  fileCount?: number;
  random: Random;
  now: () => Date;
  /**
   * An incremental export of the window [from, to) (exportTime is `to`): each item is written as an
   * inserted one, `{"Metadata": {"WriteTimestampMicros"}, "Keys", "NewImage"}`, keyed by `keys`.
   */
  incremental?: { from: Date; keys: string[]; writtenAt: (item: DynamoDbItem) => Date };
}

/** An incremental export's line for an item written (inserted) in its window, as DynamoDB lays it out. */
export const insertedItemLine = (item: DynamoDbItem, keys: string[], writtenAt: Date) => ({
  Metadata: { WriteTimestampMicros: { N: String(writtenAt.getTime() * 1000) } },
  Keys: Object.fromEntries(keys.map((key) => [key, item[key]])),
  NewImage: item,
});

export interface TableExportResult {
  exportId: string;
  exportArn: string;
  /** The folder holding manifest-summary.json. */
  dir: string;
  summary: ManifestSummary;
  files: ManifestFileEntry[];
}

/**
 * Writes one table's items in the export layout: `_started`, `data/*.json.gz` (one `{"Item": …}` per
 * line), `manifest-files.json` (JSON lines), `manifest-summary.json`, and the two `.checksum` files.
 */
export const writeTableExport = async (
  items: AsyncIterable<DynamoDbItem> | Iterable<DynamoDbItem>,
  options: TableExportOptions,
): Promise<TableExportResult> => {
  const startTime = options.now();
  const exportId = newExportId(startTime, options.random);
  const keyPrefix = exportKeyPrefix(options.s3Prefix, exportId);
  const dir = join(options.rootDir, ...keyPrefix.split('/'));
  await mkdir(join(dir, DATA_FOLDER), { recursive: true });
  await writeFile(join(dir, STARTED_MARKER), '');

  const itemsPerFile = options.itemsPerFile ?? 100_000;
  const writers: DataFileWriter[] = [];
  const openWriter = () => {
    const incremental = options.incremental;
    const writer = new DataFileWriter(
      join(dir, DATA_FOLDER, newDataFileName(options.random)),
      incremental
        ? (item) => insertedItemLine(item, incremental.keys, incremental.writtenAt(item))
        : undefined,
    );
    writers.push(writer);
    return writer;
  };
  if (options.fileOf) {
    for (let index = 0; index < (options.fileCount ?? 1); index += 1) openWriter();
  } else {
    // Like an empty partition, an empty table still gets one (empty) data file.
    openWriter();
  }
  for await (const item of items) {
    let writer: DataFileWriter | undefined;
    if (options.fileOf) {
      writer = writers[options.fileOf(item, writers.length)];
    } else {
      writer = writers[writers.length - 1];
      if (!writer || writer.itemCount >= itemsPerFile) writer = openWriter();
    }
    if (!writer) throw new RangeError('fileOf chose a data file that does not exist');
    await writer.writeItem(item);
  }

  const files: ManifestFileEntry[] = [];
  let itemCount = 0;
  let billedSizeBytes = 0;
  for (const writer of writers) {
    const closed = await writer.close();
    itemCount += closed.itemCount;
    billedSizeBytes += closed.uncompressedBytes;
    files.push({
      itemCount: closed.itemCount,
      md5Checksum: closed.md5.toString('base64'),
      etag: singlePartEtag(closed.md5),
      dataFileS3Key: posix.join(keyPrefix, DATA_FOLDER, writer.path.split(/[\\/]/).pop() ?? ''),
    });
  }

  const manifestFiles = files.map((entry) => `${JSON.stringify(entry)}\n`).join('');
  const exportArn = `${options.tableArn}/export/${exportId}`;
  const summary: ManifestSummary = {
    version: '2020-06-30',
    exportArn,
    startTime: startTime.toISOString(),
    endTime: options.now().toISOString(),
    tableArn: options.tableArn,
    tableId: options.tableId,
    exportTime: options.exportTime.toISOString(),
    s3Bucket: options.s3Bucket,
    s3Prefix: options.s3Prefix,
    s3SseAlgorithm: 'AES256',
    s3SseKmsKeyId: null,
    manifestFilesS3Key: posix.join(keyPrefix, MANIFEST_FILES),
    billedSizeBytes,
    itemCount,
    outputFormat: 'DYNAMODB_JSON',
    exportType: options.incremental ? 'INCREMENTAL_EXPORT' : 'FULL_EXPORT',
    ...(options.incremental
      ? {
          exportFromTime: options.incremental.from.toISOString(),
          exportToTime: options.exportTime.toISOString(),
          outputView: 'NEW_AND_OLD_IMAGES' as const,
        }
      : {}),
  };
  const summaryText = JSON.stringify(summary);
  const md5Hex = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
  await writeFile(join(dir, MANIFEST_FILES), manifestFiles);
  await writeFile(join(dir, MANIFEST_FILES_CHECKSUM), md5Hex(manifestFiles));
  await writeFile(join(dir, MANIFEST_SUMMARY), summaryText);
  await writeFile(join(dir, MANIFEST_SUMMARY_CHECKSUM), md5Hex(summaryText));
  return { exportId, exportArn, dir, summary, files };
};
