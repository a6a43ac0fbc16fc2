// `npm run audit -- verify DIR | query DIR … | recovery DIR … | head | prove | check-proof`: the auditors' command over DynamoDB
// exports on disk. A thin shell over verify-export.ts, query.ts and recovery-report.ts beside it:
// arguments, output, exit codes.
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { VerifyUsageError } from './digests';
import type { ExportFinding } from './export-reader';
import {
  outputFormats,
  queryExports,
  QueryUnverifiedError,
  QueryUsageError,
  type AuditQuery,
  type OutputFormat,
} from './query';
import { formatRecoveryWeeks, recoveryReport, type RecoveryFormat } from './recovery-report';
import { formatFinding, verifyExports, type VerifyReport } from './verify-export';
import { checkProofCommand, headCommand, proveCommand, rebuildStateCommand, treeUsage } from './tree-cli';
import { keptHead } from './tree-commands';
import { checkSince } from './tree-heads';
import { repoRoot } from '../tooling/repo-root';

const usage = `usage:
  npm run audit -- verify DIR [options]
      Checks an export (the folder with manifest-summary.json, or any folder above it): manifests,
      item counts, MD5 of each data file, every hash chain, and the signed digests of chain heads.
      --digests DIR        also apply the digests in DIR (earlier days); repeatable
      --public-key FILE    the digests must be signed by this PEM key; repeatable
      --require-digest     every chain of every export must be covered by a valid digest of that
                           export, signed by a --public-key key (else NO_DIGEST, KEY_NOT_PINNED errors)
      --since HEAD.json    DIR's signed tree must be the kept head's tree or extend it (consistency
                           proof from the export): an older export (replay) or rewritten history fails
      --not-before ISO     refuse an export whose (signed) point in time is before ISO
      --format text|json   report format (default text)
      --max-findings N     print at most N findings (default 1000; all are counted)
      --progress           progress on stderr (default: only when stderr is a terminal)

  npm run audit -- query DIR [filters] [options]
      Verifies DIR first (as verify does; refuses with exit 1 if it does not verify), then streams
      the audit events of the newest export that holds them.
      --public-key FILE --digests DIR --require-digest   as for verify
      --customer ID        customer id (or subject customer#ID)
      --type TYPE          event type; repeatable or comma-separated
      --actor ID           actorId      --actor-type TYPE   agent|admin|customer|service|system
      --case ID            caseId (the verification that ties a recovery together)
      --from ISO --to ISO  at >= from and at < to (e.g. 2025-01-01 or 2025-01-01T12:00:00Z)
      --format table|csv|json   json is JSON lines (default table)
      --limit N            stop after N events
      --all-exports        read every AuditEvents export under DIR, not only the newest
      --open-sealed        show staff free text sealed in events, with the customers' keys from the
                           Customers table (this environment's DynamoDB and KMS or local key); without
                           it, and for erased customers, such text shows as "[sealed note]"
      --progress           progress on stderr (default: only when stderr is a terminal)

  npm run audit -- recovery DIR [options]
      Verifies DIR first (as query does), then prints per ISO week (UTC): helpdesk triages, advised
      self-service and verification, resets avoided (a self-service triage the customer followed with
      a replaced authenticator or renewed backup codes within 7 days, counted in the triage's week),
      self-service without a call, resets done (TWO_FA_DISABLED) and the share avoided.
      --from ISO --to ISO  only events in this time range
      --format table|csv|json   (default table)
      --all-exports --public-key FILE --digests DIR --require-digest --progress   as for query

${treeUsage}
exit codes: 0 clean, 1 problems found, 2 wrong usage or unreadable folder
`;

class UsageError extends Error {}

const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Writes to stdout and waits when the pipe is full, so slow readers keep memory flat. */
const writeOut = (chunk: string): void | Promise<void> => {
  if (!process.stdout.write(chunk)) return once(process.stdout, 'drain').then(() => undefined);
};

/** On a terminal a line that rewrites itself; otherwise at most one line every two seconds. */
const progressReporter = (wanted: boolean) => {
  const tty = process.stderr.isTTY === true;
  if (!wanted && !tty) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update: (text: string) => {
      const now = Date.now();
      if (tty) {
        if (now - last < 100) return;
        process.stderr.write(`\r\x1b[2K${text}`);
        shown = true;
      } else {
        if (now - last < 2000) return;
        process.stderr.write(`${text}\n`);
      }
      last = now;
    },
    done: () => {
      if (tty && shown) process.stderr.write('\r\x1b[2K');
    },
  };
};

const rate = (count: number, ms: number) => (ms > 0 ? Math.round((count * 1000) / ms) : count);
const megabytes = (bytes: number) => `${Math.round(bytes / (1 << 20))} MB`;
/** Peak resident memory of this process (maxRSS is in kilobytes). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

const summaryOf = (report: VerifyReport, elapsedMs: number) => {
  const lines: string[] = [];
  for (const verified of report.exports) {
    const trail = verified.auditTrail;
    lines.push(
      `  ${verified.table}: ${verified.itemsRead} items${
        trail
          ? `, ${trail.events} audit events in ${trail.subjects} chains, ${trail.digestsApplied} digest(s) applied`
          : ''
      }${verified.exportTime ? `, exported ${verified.exportTime}` : ''}  (${verified.dir})`,
    );
  }
  for (const digest of report.digests) {
    lines.push(
      `  digest ${digest.file}: ${
        digest.valid
          ? `signature valid, as of ${digest.asOf}, key ${digest.keyId} (SHA-256 ${digest.keyFingerprint}, ${
              digest.trust === 'pinned' ? 'pinned with --public-key' : 'key read from the export'
            })`
          : 'NOT valid'
      }`,
    );
  }
  lines.push(
    `  ${report.eventsVerified} events verified in ${(elapsedMs / 1000).toFixed(1)} s (${rate(
      report.eventsVerified,
      elapsedMs,
    )} events/s), peak RSS ${megabytes(peakRss())}`,
  );
  const counts = Object.entries(report.errorCounts)
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
  lines.push(
    report.ok
      ? `OK: no problems${report.warnings ? ` (${report.warnings} warning${report.warnings > 1 ? 's' : ''})` : ''}`
      : `FAILED: ${report.errors} problem${report.errors > 1 ? 's' : ''} (${counts})`,
  );
  return lines;
};

const readPublicKeys = (files: string[]) =>
  Promise.all(
    files.map((file) =>
      readFile(file, 'utf8').catch(() => {
        throw new UsageError(`cannot read --public-key ${file}`);
      }),
    ),
  );

const verifyCommand = async (args: string[]) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      digests: { type: 'string', multiple: true },
      'public-key': { type: 'string', multiple: true },
      'require-digest': { type: 'boolean' },
      format: { type: 'string', default: 'text' },
      'max-findings': { type: 'string', default: '1000' },
      progress: { type: 'boolean' },
      since: { type: 'string' },
      'not-before': { type: 'string' },
    },
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new UsageError('verify takes one folder');
  const notBefore = parseTime('not-before', values['not-before']);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format is text or json');
  const maxFindings = Number(values['max-findings']);
  if (!Number.isInteger(maxFindings) || maxFindings < 0) throw new UsageError('--max-findings is a number');
  const trustedPublicKeys = await readPublicKeys(values['public-key'] ?? []);
  const kept = values.since ? await keptHead(values.since, trustedPublicKeys) : undefined;
  const text = values.format === 'text';
  const progress = progressReporter(values.progress === true);
  let printed = 0;
  const started = Date.now();
  const report = await verifyExports(dir, {
    digestDirs: values.digests ?? [],
    trustedPublicKeys,
    requireDigest: values['require-digest'] === true,
    keepFindings: text ? 0 : maxFindings,
    onFinding: (finding: ExportFinding) => {
      if (!text) return;
      printed += 1;
      if (printed <= maxFindings) {
        progress.done();
        say(formatFinding(finding));
      }
    },
    onProgress: ({ file, events, filesDone, filesTotal }) =>
      progress.update(`verifying ${file}: ${events} events, file ${filesDone}/${filesTotal}`),
    ...(notBefore ? { notBefore } : {}),
  });
  progress.done();
  // The kept head's check goes through the same sink: counted, printed and failing like any other.
  const since = kept
    ? checkSince(kept, report.trees, (finding) => {
        report.errors += 1;
        report.errorCounts[finding.code] = (report.errorCounts[finding.code] ?? 0) + 1;
        report.findings.push(finding);
        report.ok = false;
        if (text) say(formatFinding(finding));
      })
    : undefined;
  const elapsedMs = Date.now() - started;
  if (text) {
    if (printed > maxFindings) say(`… ${printed - maxFindings} more findings not printed (--max-findings)`);
    say(`Verified ${dir}`);
    if (since)
      say(
        `  tree of ${since.newSize} events extends the kept head's ${since.keptSize} (consistency proof of ${since.proof.length} hashes)`,
      );
    for (const line of summaryOf(report, elapsedMs)) say(line);
  } else {
    const { trees: _leafHashes, ...shown } = report;
    say(
      JSON.stringify(
        {
          ...shown,
          ...(since ? { since } : {}),
          elapsedMs,
          eventsPerSecond: rate(report.eventsVerified, elapsedMs),
          peakRssBytes: peakRss(),
        },
        null,
        2,
      ),
    );
  }
  return report.ok ? 0 : EXIT_PROBLEMS;
};

const parseTime = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--${name} is not an ISO-8601 time: ${value}`);
  return at;
};

/**
 * `--open-sealed` needs the customers' keys. With a deployed environment's variables set (CUSTOMERS_TABLE,
 * SECRET_KEY_SOURCE, …) those are used; without them, the local stack `npm start` keeps on disk: its
 * tables on DynamoDB Local and `.data/local-secret.key`. An `--in-memory` stack's key never leaves it.
 */
const useLocalStackForKeys = async () => {
  if (process.env.CUSTOMERS_TABLE) return;
  const keyFile = join(repoRoot(), '.data', 'local-secret.key');
  if (!existsSync(keyFile))
    throw new UsageError(
      "--open-sealed reads the customers' keys: set the deployed environment (CUSTOMERS_TABLE, " +
        'SECRET_KEY_SOURCE=kms, KMS_KEY_ID, …), or run it beside `npm start` (not --in-memory, whose key ' +
        `stays in memory); no ${keyFile}`,
    );
  const { useRunningLocalStack } = await import('../local/stack');
  useRunningLocalStack({ dataDir: join(repoRoot(), '.data') });
};

const queryCommand = async (args: string[]) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      customer: { type: 'string' },
      type: { type: 'string', multiple: true },
      actor: { type: 'string' },
      'actor-type': { type: 'string' },
      case: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'table' },
      limit: { type: 'string' },
      'all-exports': { type: 'boolean' },
      'open-sealed': { type: 'boolean' },
      progress: { type: 'boolean' },
      digests: { type: 'string', multiple: true },
      'public-key': { type: 'string', multiple: true },
      'require-digest': { type: 'boolean' },
    },
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new UsageError('query takes one folder');
  const trustedPublicKeys = await readPublicKeys(values['public-key'] ?? []);
  if (!outputFormats.includes(values.format as OutputFormat))
    throw new UsageError(`--format is one of ${outputFormats.join(', ')}`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0))
    throw new UsageError('--limit is a number');
  const query: AuditQuery = {
    ...(values.customer ? { customer: values.customer } : {}),
    ...(values.type
      ? { types: values.type.flatMap((type) => type.split(',')).map((type) => type.trim()) }
      : {}),
    ...(values.actor ? { actorId: values.actor } : {}),
    ...(values['actor-type'] ? { actorType: values['actor-type'] } : {}),
    ...(values.case ? { caseId: values.case } : {}),
  };
  const from = parseTime('from', values.from);
  const to = parseTime('to', values.to);
  if (from) query.from = from;
  if (to) query.to = to;

  const progress = progressReporter(values.progress === true);
  const problems: ExportFinding[] = [];
  const started = Date.now();
  let result: Awaited<ReturnType<typeof queryExports>>;
  try {
    result = await queryExports(dir, query, {
      verify: {
        digestDirs: values.digests ?? [],
        trustedPublicKeys,
        requireDigest: values['require-digest'] === true,
      },
      onVerifyFinding: (finding) => {
        progress.done();
        process.stderr.write(`${formatFinding(finding)}\n`);
      },
      onVerifyProgress: ({ file, events }) => progress.update(`verifying ${file}: ${events} events`),
      format: values.format as OutputFormat,
      write: writeOut,
      allExports: values['all-exports'] === true,
      // Imported only when asked: it reads the environment's config (tables, secret key).
      ...(values['open-sealed'] === true
        ? (await useLocalStackForKeys(), { textKeyOf: (await import('../lib/customers/text-key')).textKeyOf })
        : {}),
      ...(limit !== undefined ? { limit } : {}),
      onFinding: (finding) => {
        problems.push(finding);
        progress.done();
        process.stderr.write(`${formatFinding(finding)}\n`);
      },
      onExport: (exportDir, exportTime) =>
        progress.update(`reading ${exportDir}${exportTime ? ` (exported ${exportTime})` : ''}`),
      onProgress: ({ events, matched }) => progress.update(`${events} events read, ${matched} matched`),
    });
  } catch (error) {
    if (!(error instanceof QueryUnverifiedError)) throw error;
    progress.done();
    process.stderr.write(`audit query: ${error.message}\n`);
    return EXIT_PROBLEMS;
  }
  progress.done();
  if (values.progress || process.stderr.isTTY)
    process.stderr.write(
      `${result.matched} of ${result.events} events matched in ${((Date.now() - started) / 1000).toFixed(1)} s (${rate(
        result.events,
        Date.now() - started,
      )} events/s), peak RSS ${megabytes(peakRss())}\n`,
    );
  // Incomplete results must not look complete to a script: unreadable lines make the exit code non-zero.
  return problems.length > 0 ? EXIT_PROBLEMS : 0;
};

const recoveryCommand = async (args: string[]) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'table' },
      'all-exports': { type: 'boolean' },
      progress: { type: 'boolean' },
      digests: { type: 'string', multiple: true },
      'public-key': { type: 'string', multiple: true },
      'require-digest': { type: 'boolean' },
    },
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new UsageError('recovery takes one folder');
  const formats: RecoveryFormat[] = ['table', 'csv', 'json'];
  if (!formats.includes(values.format as RecoveryFormat))
    throw new UsageError(`--format is one of ${formats.join(', ')}`);
  const from = parseTime('from', values.from);
  const to = parseTime('to', values.to);
  const progress = progressReporter(values.progress === true);
  let report: Awaited<ReturnType<typeof recoveryReport>>;
  try {
    report = await recoveryReport(
      dir,
      { ...(from ? { from } : {}), ...(to ? { to } : {}) },
      {
        verify: {
          digestDirs: values.digests ?? [],
          trustedPublicKeys: await readPublicKeys(values['public-key'] ?? []),
          requireDigest: values['require-digest'] === true,
        },
        allExports: values['all-exports'] === true,
        onVerifyFinding: (finding) => {
          progress.done();
          process.stderr.write(`${formatFinding(finding)}\n`);
        },
        onFinding: (finding) => {
          progress.done();
          process.stderr.write(`${formatFinding(finding)}\n`);
        },
        onProgress: ({ events }) => progress.update(`${events} events read`),
      },
    );
  } catch (error) {
    if (!(error instanceof QueryUnverifiedError)) throw error;
    progress.done();
    process.stderr.write(`audit recovery: ${error.message}\n`);
    return EXIT_PROBLEMS;
  }
  progress.done();
  await writeOut(formatRecoveryWeeks(report.weeks, values.format as RecoveryFormat));
  // Unreadable lines would make the counts look complete when they are not.
  return report.findings.some((finding) => finding.level === 'error') ? EXIT_PROBLEMS : 0;
};

const main = async () => {
  const [command, ...args] = process.argv.slice(2);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `audit query … | head` closes the pipe early; that is not a failure.
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    if (command === 'verify') return await verifyCommand(args);
    if (command === 'query') return await queryCommand(args);
    if (command === 'recovery') return await recoveryCommand(args);
    if (command === 'head') return await headCommand(args);
    if (command === 'prove') return await proveCommand(args);
    if (command === 'check-proof') return await checkProofCommand(args);
    if (command === 'rebuild-state') return await rebuildStateCommand(args);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(usage);
      return command === undefined ? EXIT_USAGE : 0;
    }
    throw new UsageError(`unknown command ${command}`);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof VerifyUsageError ||
      error instanceof QueryUsageError ||
      (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
      (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
    ) {
      process.stderr.write(`audit: ${(error as Error).message}\n\n${usage}`);
      return EXIT_USAGE;
    }
    throw error;
  }
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `audit failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = EXIT_PROBLEMS;
  },
);
