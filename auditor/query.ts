// `audit query`: filters the audit events of an export (customer, type, actor, case, time range) and
// writes them as a table, CSV or JSON lines while streaming, so a million events fit in constant memory.
// It verifies the folder first and refuses one that does not verify: an answer read from a tampered
// export (a duplicate key, an edited event, a deleted chain) would look as complete as a true one.
import { stat } from 'node:fs/promises';
import type { AuditValue } from '../lib/audit/events';
import { scanExportLines } from '../lib/audit/export-lines';
import { openOrPlaceholder, revealDetails } from '../lib/audit/sealed-text';
import { looksLikeAuditEvent, verifyExports, type VerifiedExport, type VerifyOptions } from './verify-export';
import {
  openDataFile,
  readExportManifest,
  relativeLabel,
  type ExportFinding,
  type FindingSink,
} from './export-reader';

export interface AuditQuery {
  /** A customer id, or a whole subject (`customer#…`). */
  customer?: string;
  types?: string[];
  actorId?: string;
  actorType?: string;
  caseId?: string;
  /** Inclusive lower and exclusive upper bound on `at`. */
  from?: Date;
  to?: Date;
}

export type OutputFormat = 'table' | 'csv' | 'json';
export const outputFormats: OutputFormat[] = ['table', 'csv', 'json'];

export class QueryUsageError extends Error {}

/** The folder did not verify: nothing is read from it. */
export class QueryUnverifiedError extends Error {
  constructor(
    readonly errors: number,
    readonly errorCounts: Record<string, number>,
  ) {
    super(
      `the folder does not verify (${errors} problem(s): ${Object.entries(errorCounts)
        .map(([code, count]) => `${code} ${count}`)
        .join(', ')}); run \`audit verify\` on it for the details. Nothing was queried.`,
    );
  }
}

export const matchesQuery = (item: Record<string, unknown>, query: AuditQuery): boolean => {
  if (query.customer !== undefined && item.customerId !== query.customer && item.subject !== query.customer)
    return false;
  if (query.types && !query.types.includes(String(item.type))) return false;
  if (query.actorId !== undefined && item.actorId !== query.actorId) return false;
  if (query.actorType !== undefined && item.actorType !== query.actorType) return false;
  if (query.caseId !== undefined && item.caseId !== query.caseId) return false;
  if (query.from || query.to) {
    const at = typeof item.at === 'string' ? Date.parse(item.at) : Number.NaN;
    if (Number.isNaN(at)) return false;
    if (query.from && at < query.from.getTime()) return false;
    if (query.to && at >= query.to.getTime()) return false;
  }
  return true;
};

const columns = ['at', 'customerId', 'seq', 'type', 'actorType', 'actorId', 'caseId', 'details'] as const;
type Column = (typeof columns)[number];
const tableWidths: Record<Exclude<Column, 'details'>, number> = {
  at: 24,
  customerId: 20,
  seq: 5,
  type: 30,
  actorType: 9,
  actorId: 20,
  caseId: 26,
};

const cell = (item: Record<string, unknown>, column: Column) => {
  const value = item[column];
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

const fit = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

// A cell starting like a formula would run as one in a spreadsheet (OWASP "CSV injection").
const csvCell = (text: string) => {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const formatHeader = (format: OutputFormat): string => {
  if (format === 'json') return '';
  if (format === 'csv') return `${columns.join(',')}\n`;
  const head = columns.map((column) => (column === 'details' ? column : fit(column, tableWidths[column])));
  return `${head.join(' ')}\n`;
};

export const formatEvent = (item: Record<string, unknown>, format: OutputFormat): string => {
  if (format === 'json') return `${JSON.stringify(item)}\n`;
  if (format === 'csv') return `${columns.map((column) => csvCell(cell(item, column))).join(',')}\n`;
  const row = columns.map((column) =>
    column === 'details' ? cell(item, column) : fit(cell(item, column), tableWidths[column]),
  );
  return `${row.join(' ').replace(/\s+$/, '')}\n`;
};

export interface QueryProgress {
  events: number;
  matched: number;
  filesDone: number;
  filesTotal: number;
}

export interface QueryOptions {
  format: OutputFormat;
  /** Receives output in chunks; a returned promise holds reading until the output has drained. */
  write: (chunk: string) => void | Promise<void>;
  /** Every AuditEvents export under the folder rather than the latest one only. */
  allExports?: boolean;
  limit?: number;
  onFinding?: FindingSink;
  onProgress?: (progress: QueryProgress) => void;
  /** Which export is read, for the log. */
  onExport?: (dir: string, exportTime: string | undefined) => void;
  /** How the folder is verified before anything is read from it (keys, digests, --require-digest). */
  verify?: Omit<VerifyOptions, 'onFinding' | 'onProgress' | 'keepFindings'>;
  /** Verification findings (warnings; an error refuses the query). */
  onVerifyFinding?: FindingSink;
  onVerifyProgress?: VerifyOptions['onProgress'];
  /**
   * Key access: the customer's audit-text key, or undefined once erased. Without it every sealed text
   * shows as SEALED_PLACEHOLDER; the ciphertext itself is never printed.
   */
  textKeyOf?: (customerId: string) => Promise<Buffer | undefined>;
}

export interface QueryResult {
  events: number;
  matched: number;
  exportsRead: number;
  findings: ExportFinding[];
}

class LimitReached extends Error {}

const exportTimeOf = (verified: VerifiedExport) =>
  verified.auditTrail?.signedAsOf ?? verified.exportTime ?? '';

/**
 * A full export holds every event, so the newest one is read; older ones on request. The newest export
 * of a chain (a full export and incremental ones after it) holds one window's events, so its whole chain
 * is read, oldest first. Newest among those with a digest of their own when there are any: an export
 * without one has only the unsigned manifest's word for its time, and a planted copy could claim to be newer.
 */
const chooseExports = (trails: VerifiedExport[], all: boolean) => {
  if (all || trails.length <= 1) return trails;
  const signed = trails.filter((trail) => trail.auditTrail?.signedAsOf !== undefined);
  const candidates = signed.length > 0 ? signed : trails;
  const newest = [...candidates].sort((a, b) => exportTimeOf(b).localeCompare(exportTimeOf(a)))[0];
  if (!newest) return [];
  const chain = newest.auditTrail?.chain;
  if (!chain) return [newest];
  return chain.flatMap((dir) => trails.filter((trail) => trail.dir === dir));
};

export const queryExports = async (
  root: string,
  query: AuditQuery,
  options: QueryOptions,
): Promise<QueryResult> => {
  const rootInfo = await stat(root).catch(() => undefined);
  if (!rootInfo?.isDirectory()) throw new QueryUsageError(`${root} is not a folder`);
  const label = relativeLabel(root);
  const findings: ExportFinding[] = [];
  const sink: FindingSink = (finding) => {
    if (findings.length < 1000) findings.push(finding);
    options.onFinding?.(finding);
  };
  const verified = await verifyExports(root, {
    ...options.verify,
    keepFindings: 0,
    ...(options.onVerifyFinding ? { onFinding: options.onVerifyFinding } : {}),
    ...(options.onVerifyProgress ? { onProgress: options.onVerifyProgress } : {}),
  });
  if (!verified.ok) throw new QueryUnverifiedError(verified.errors, verified.errorCounts);
  // Audit events are found by content, as verify found them, whatever the table folder is called.
  const trails = verified.exports.filter((exported) => (exported.auditTrail?.events ?? 0) > 0);
  if (trails.length === 0) throw new QueryUsageError(`no audit events under ${root}`);

  const result: QueryResult = { events: 0, matched: 0, exportsRead: 0, findings };
  let buffered = '';
  const flush = async () => {
    if (buffered === '') return;
    const chunk = buffered;
    buffered = '';
    await options.write(chunk);
  };
  buffered += formatHeader(options.format);
  const keys = new Map<string, Promise<Buffer | undefined>>();
  const revealSealed = async (item: Record<string, unknown>) => {
    const customerId = typeof item.customerId === 'string' ? item.customerId : '';
    const details = item.details as AuditValue;
    let key: Buffer | undefined;
    if (options.textKeyOf && JSON.stringify(details ?? null).includes('"sealed"')) {
      if (!keys.has(customerId)) keys.set(customerId, options.textKeyOf(customerId));
      key = await keys.get(customerId);
    }
    return {
      ...item,
      details: revealDetails(details ?? {}, (sealed) => openOrPlaceholder(sealed, key, customerId)),
    };
  };
  try {
    for (const trail of chooseExports(trails, options.allExports ?? false)) {
      options.onExport?.(trail.dir, exportTimeOf(trail));
      result.exportsRead += 1;
      // Verified a moment ago; read again here only for the list of data files.
      const manifest = await readExportManifest(trail.path, () => undefined, label);
      const files = manifest.files.filter((file) => file.exists);
      for (const [fileNumber, file] of files.entries()) {
        const fileLabel = label(file.path);
        const scan = await scanExportLines(openDataFile(file.path), async (line) => {
          if ('problem' in line) {
            sink({
              level: 'error',
              code: 'LINE_INVALID',
              message: line.problem,
              file: fileLabel,
              line: line.line,
            });
            return;
          }
          if (!looksLikeAuditEvent(line.item)) return;
          result.events += 1;
          if (result.events % 50_000 === 0)
            options.onProgress?.({
              events: result.events,
              matched: result.matched,
              filesDone: fileNumber,
              filesTotal: files.length,
            });
          if (!matchesQuery(line.item, query)) return;
          if (options.limit !== undefined && result.matched >= options.limit) throw new LimitReached();
          result.matched += 1;
          buffered += formatEvent(await revealSealed(line.item), options.format);
          if (buffered.length >= 1 << 16) await flush();
        });
        if (scan.gzipError)
          sink({
            level: 'error',
            code: 'GZIP_BROKEN',
            message: `the gzip stream is truncated or corrupt (${scan.gzipError}); events after line ${scan.lines} are not shown`,
            file: fileLabel,
          });
      }
    }
  } catch (error) {
    if (!(error instanceof LimitReached)) throw error;
  }
  await flush();
  options.onProgress?.({ events: result.events, matched: result.matched, filesDone: 1, filesTotal: 1 });
  return result;
};
