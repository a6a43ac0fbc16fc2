// One logger for every function: JSON lines with request id and route, nothing secret. The lines keep the
// shape Powertools Logger wrote (level, message, timestamp, service, the invocation's context, the trace,
// then the keys) and its settings (POWERTOOLS_LOG_LEVEL, LOG_LEVEL, AWS_LAMBDA_LOG_LEVEL), so log queries
// and the Contributor Insights rule read the same fields. It is our own because Powertools' logger, with
// the commons it loads, was about 5% of a cold start's CPU for the few calls below (docs/performance.md).

const levels = { TRACE: 6, DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, SILENT: 28 } as const;
export type LogLevel = keyof typeof levels;
type Fields = Record<string, unknown>;

/** The parts of a Lambda context a log line names. */
interface InvocationContext {
  awsRequestId: string;
  functionName: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string | number;
  tenantId?: string;
}

// Always the logger's own: a caller's field of the same name is dropped, as Powertools did.
const reserved = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'xray_trace_id',
]);

const levelFrom = (value: string | undefined): LogLevel | undefined => {
  const upper = value?.toUpperCase();
  return upper !== undefined && upper in levels ? (upper as LogLevel) : undefined;
};

/** Lambda's advanced logging controls win, then POWERTOOLS_LOG_LEVEL, then LOG_LEVEL; INFO otherwise. */
const initialLevel = (env: NodeJS.ProcessEnv): LogLevel =>
  levelFrom(env.AWS_LAMBDA_LOG_LEVEL) ?? levelFrom(env.POWERTOOLS_LOG_LEVEL || env.LOG_LEVEL) ?? 'INFO';

const traceId = () => /(?:^|;)Root=([^;]+)/.exec(process.env._X_AMZN_TRACE_ID ?? '')?.[1];

// Errors as their fields (an Error has no enumerable ones), bigints as text; a repeated object once.
const replacer = () => {
  const ancestors: unknown[] = [];
  return function (this: unknown, _key: string, value: unknown) {
    if (typeof value === 'bigint') return value.toString();
    const shown =
      value instanceof Error
        ? { name: value.name, message: value.message, stack: value.stack, cause: value.cause }
        : value;
    if (typeof shown === 'object' && shown !== null) {
      while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
      if (ancestors.includes(shown)) return undefined;
      ancestors.push(shown);
    }
    return shown;
  };
};

export class Logger {
  private threshold: number;
  private context: Fields = {};
  private keys: Fields = {};
  private coldStart = process.env.AWS_LAMBDA_INITIALIZATION_TYPE !== 'provisioned-concurrency';

  constructor(private readonly service: string) {
    this.threshold = levels[initialLevel(process.env)];
  }

  setLogLevel(level: LogLevel) {
    this.threshold = levels[level];
  }

  /** The invocation's Lambda context, on every line until the next invocation's. */
  addContext(context: InvocationContext) {
    this.context = {
      cold_start: this.coldStart,
      function_arn: context.invokedFunctionArn,
      function_memory_size: context.memoryLimitInMB,
      function_name: context.functionName,
      function_request_id: context.awsRequestId,
      ...(context.tenantId === undefined ? {} : { tenant_id: context.tenantId }),
    };
    this.coldStart = false;
  }

  appendKeys(keys: Fields) {
    Object.assign(this.keys, keys);
  }

  removeKeys(names: readonly string[]) {
    for (const name of names) delete this.keys[name];
  }

  debug(message: string, fields?: Fields) {
    this.write('DEBUG', message, fields);
  }
  info(message: string, fields?: Fields) {
    this.write('INFO', message, fields);
  }
  warn(message: string, fields?: Fields) {
    this.write('WARN', message, fields);
  }
  error(message: string, fields?: Fields) {
    this.write('ERROR', message, fields);
  }

  private write(level: LogLevel, message: string, fields: Fields | undefined) {
    if (levels[level] < this.threshold) return;
    const line: Fields = {
      level,
      message,
      timestamp: new Date().toISOString(),
      service: this.service,
      ...this.context,
      xray_trace_id: traceId(),
    };
    for (const extra of [this.keys, fields ?? {}])
      for (const [key, value] of Object.entries(extra)) if (!reserved.has(key)) line[key] = value;
    // Warnings and errors to stderr, the rest to stdout, as Powertools' console did.
    const stream = levels[level] >= levels.WARN ? process.stderr : process.stdout;
    stream.write(`${JSON.stringify(line, replacer())}\n`);
  }
}

export const logger = new Logger('mfa-recovery');
