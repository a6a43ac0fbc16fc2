// Reads DynamoDB exports from disk as auditors download them: finds export folders and digest files,
// reads and checks their manifests, and opens data files for lib/audit/export-lines.ts to stream.
import { createHash } from 'node:crypto';
import { createReadStream, type Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { manifestHashesOf, type ManifestHashes } from '../lib/audit/digest';
import {
  DATA_FOLDER,
  EXPORT_FOLDER,
  MANIFEST_FILES,
  MANIFEST_FILES_CHECKSUM,
  MANIFEST_SUMMARY,
  MANIFEST_SUMMARY_CHECKSUM,
  type ManifestFileEntry,
  type ManifestSummary,
} from '../lib/audit/export-format';
import { parseStrictJson } from '../lib/strict-json';

/** Something wrong with an export, located as precisely as we can: file and line, or subject and seq. */
export interface ExportFinding {
  level: 'error' | 'warning';
  code: string;
  message: string;
  file?: string;
  line?: number;
  subject?: string;
  seq?: number;
}

export type FindingSink = (finding: ExportFinding) => void;

export interface ListedDataFile {
  entry: ManifestFileEntry;
  /** Line of manifest-files.json that lists it. */
  manifestLine: number;
  path: string;
  exists: boolean;
}

export interface ExportManifest {
  dir: string;
  summary?: ManifestSummary;
  /** The table's name, from the summary's tableArn (or the folder names when the summary is unreadable). */
  tableName: string;
  files: ListedDataFile[];
  /** SHA-256 of both manifests as read, when both are there: what a digest of this export binds. */
  hashes?: ManifestHashes;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', DATA_FOLDER]);

/** Every folder under `root` (or `root` itself) that holds an export's manifest files, sorted. */
export const findExportDirs = async (root: string, maxDepth = 8): Promise<string[]> => {
  const found: string[] = [];
  const walk = async (dir: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((entry) => entry.isFile() && [MANIFEST_SUMMARY, MANIFEST_FILES].includes(entry.name))) {
      found.push(dir);
      return;
    }
    if (depth >= maxDepth) return;
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name))
        await walk(join(dir, entry.name), depth + 1);
    }
  };
  await walk(root, 0);
  return found.sort();
};

/** Every digest file (`digests/*.json`) under the given folders. */
export const findDigestFiles = async (roots: string[], maxDepth = 8): Promise<string[]> => {
  const found = new Set<string>();
  const walk = async (dir: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isFile() && basename(dir) === 'digests' && entry.name.endsWith('.json')) found.add(path);
      if (
        entry.isDirectory() &&
        depth < maxDepth &&
        !SKIPPED_FOLDERS.has(entry.name) &&
        entry.name !== EXPORT_FOLDER
      )
        await walk(path, depth + 1);
    }
  };
  for (const root of roots) await walk(root, 0);
  return [...found].sort();
};

const tableNameFromArn = (arn: unknown) =>
  typeof arn === 'string' ? /:table\/([^/]+)/.exec(arn)?.[1] : undefined;

/** `<…>/<s3Prefix>/AWSDynamoDB/<exportId>/`: the folder above AWSDynamoDB names the table in our layout. */
const tableNameFromFolders = (dir: string) => {
  const parts = dir.split(sep);
  const at = parts.lastIndexOf(EXPORT_FOLDER);
  return at > 0 ? (parts[at - 1] ?? basename(dir)) : basename(dir);
};

const md5Hex = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

/** A `.checksum` file holds the MD5 of its manifest; accept hex or base64, as implementations differ. */
const checksumMatches = (checksum: string, bytes: Buffer) => {
  const digest = createHash('md5').update(bytes).digest();
  const text = checksum.trim();
  return text.toLowerCase() === digest.toString('hex') || text === digest.toString('base64');
};

const readOptional = async (path: string) => {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
};

/** The data file a manifest line points at, inside this export folder whatever bucket prefix it was written under. */
const localDataPath = (dir: string, key: string) => {
  const name = key.split('/').pop() ?? '';
  if (!name || name === '.' || name === '..') return undefined;
  return join(dir, DATA_FOLDER, name);
};

/** Reads and checks the manifests of one export folder: shapes, checksum files, listed and unlisted files. */
export const readExportManifest = async (
  dir: string,
  report: FindingSink,
  label: (path: string) => string,
): Promise<ExportManifest> => {
  const manifest: ExportManifest = { dir, tableName: tableNameFromFolders(dir), files: [] };
  const summaryPath = join(dir, MANIFEST_SUMMARY);
  const summaryBytes = await readOptional(summaryPath);
  if (!summaryBytes) {
    report({
      level: 'error',
      code: 'MANIFEST_MISSING',
      message: `${MANIFEST_SUMMARY} is missing`,
      file: label(summaryPath),
    });
  } else {
    try {
      const parsed = parseStrictJson(summaryBytes.toString('utf8')) as Partial<ManifestSummary> | null;
      if (!parsed || typeof parsed !== 'object' || typeof parsed.itemCount !== 'number')
        throw new Error('no itemCount');
      manifest.summary = parsed as ManifestSummary;
      manifest.tableName = tableNameFromArn(parsed.tableArn) ?? manifest.tableName;
      if (parsed.outputFormat && parsed.outputFormat !== 'DYNAMODB_JSON')
        report({
          level: 'error',
          code: 'UNSUPPORTED_FORMAT',
          message: `the export is in ${parsed.outputFormat}; only DYNAMODB_JSON is read`,
          file: label(summaryPath),
        });
    } catch (error) {
      report({
        level: 'error',
        code: 'MANIFEST_INVALID',
        message: `${MANIFEST_SUMMARY} is not a valid export summary (${(error as Error).message})`,
        file: label(summaryPath),
      });
    }
    const checksum = await readOptional(join(dir, MANIFEST_SUMMARY_CHECKSUM));
    if (checksum && !checksumMatches(checksum.toString('utf8'), summaryBytes))
      report({
        level: 'error',
        code: 'CHECKSUM_MISMATCH',
        message: `${MANIFEST_SUMMARY} does not match ${MANIFEST_SUMMARY_CHECKSUM} (the summary was changed)`,
        file: label(summaryPath),
      });
  }

  const filesPath = join(dir, MANIFEST_FILES);
  const filesBytes = await readOptional(filesPath);
  if (!filesBytes) {
    report({
      level: 'error',
      code: 'MANIFEST_MISSING',
      message: `${MANIFEST_FILES} is missing: the data files cannot be checked`,
      file: label(filesPath),
    });
    return manifest;
  }
  if (summaryBytes) manifest.hashes = manifestHashesOf(summaryBytes, filesBytes);
  const checksum = await readOptional(join(dir, MANIFEST_FILES_CHECKSUM));
  if (checksum && !checksumMatches(checksum.toString('utf8'), filesBytes))
    report({
      level: 'error',
      code: 'CHECKSUM_MISMATCH',
      message: `${MANIFEST_FILES} does not match ${MANIFEST_FILES_CHECKSUM} (the file list was changed)`,
      file: label(filesPath),
    });

  const lines = filesBytes.toString('utf8').split('\n');
  const listed = new Set<string>();
  for (const [index, text] of lines.entries()) {
    if (text.trim() === '') continue;
    const line = index + 1;
    let entry: Partial<ManifestFileEntry> | null;
    try {
      entry = parseStrictJson(text) as Partial<ManifestFileEntry> | null;
    } catch (error) {
      report({
        level: 'error',
        code: 'MANIFEST_INVALID',
        message: `not JSON (${(error as Error).message})`,
        file: label(filesPath),
        line,
      });
      continue;
    }
    if (
      !entry ||
      typeof entry.dataFileS3Key !== 'string' ||
      typeof entry.itemCount !== 'number' ||
      typeof entry.md5Checksum !== 'string'
    ) {
      report({
        level: 'error',
        code: 'MANIFEST_INVALID',
        message: 'a files-manifest line needs dataFileS3Key, itemCount and md5Checksum',
        file: label(filesPath),
        line,
      });
      continue;
    }
    const path = localDataPath(dir, entry.dataFileS3Key);
    if (!path) {
      report({
        level: 'error',
        code: 'MANIFEST_INVALID',
        message: `unusable dataFileS3Key ${JSON.stringify(entry.dataFileS3Key)}`,
        file: label(filesPath),
        line,
      });
      continue;
    }
    listed.add(basename(path));
    const exists = await stat(path).then(
      (info) => info.isFile(),
      () => false,
    );
    if (!exists)
      report({
        level: 'error',
        code: 'DATA_FILE_MISSING',
        message: `lists ${label(path)}, which is missing (${entry.itemCount} items not verified)`,
        file: label(filesPath),
        line,
      });
    manifest.files.push({ entry: entry as ManifestFileEntry, manifestLine: line, path, exists });
  }

  const present = await readdir(join(dir, DATA_FOLDER)).catch(() => [] as string[]);
  for (const name of present.sort()) {
    if (!listed.has(name))
      report({
        level: 'error',
        code: 'DATA_FILE_UNLISTED',
        message: `is not listed in ${MANIFEST_FILES}; it was added to the export and is not read`,
        file: label(join(dir, DATA_FOLDER, name)),
      });
  }
  return manifest;
};

/** Checks a data file's bytes against its manifest line: MD5 (base64, as DynamoDB writes it) and ETag. */
export const checkDataFileDigests = async (
  file: ListedDataFile,
  report: FindingSink,
  label: (path: string) => string,
) => {
  const md5 = createHash('md5');
  for await (const chunk of createReadStream(file.path, { highWaterMark: 1 << 20 }))
    md5.update(chunk as Buffer);
  const digest = md5.digest();
  if (digest.toString('base64') !== file.entry.md5Checksum) {
    report({
      level: 'error',
      code: 'MD5_MISMATCH',
      message: `MD5 ${digest.toString('base64')} differs from the manifest's ${file.entry.md5Checksum} (the file was changed)`,
      file: label(file.path),
    });
    // The ETag is derived from the same MD5: one finding says it all.
    return;
  }
  // A plain ETag is the MD5; "-1" is one part of a multipart upload. Other part counts need the part size.
  const etag = typeof file.entry.etag === 'string' ? file.entry.etag.replace(/"/g, '') : undefined;
  const expected = etag?.endsWith('-1') ? `${md5Hex(digest)}-1` : digest.toString('hex');
  if (etag && /^[0-9a-f]{32}(-1)?$/.test(etag) && etag !== expected)
    report({
      level: 'error',
      code: 'ETAG_MISMATCH',
      message: `ETag of the file differs from the manifest's ${etag}`,
      file: label(file.path),
    });
};

export const openDataFile = (path: string) => createReadStream(path, { highWaterMark: 1 << 20 });

/** Paths in messages are shown relative to the folder the auditor named. */
export const relativeLabel = (root: string) => (path: string) => {
  const shown = relative(root, path);
  return shown === '' ? basename(path) : shown.split(sep).join('/');
};
