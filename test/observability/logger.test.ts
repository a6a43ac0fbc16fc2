// The log lines keep the shape Powertools Logger wrote (log queries and Contributor Insights read these
// fields), its level settings and its streams: warnings and errors to stderr, the rest to stdout.
import { Logger } from '../../lib/observability/logger';

const envKeys = ['AWS_LAMBDA_LOG_LEVEL', 'POWERTOOLS_LOG_LEVEL', 'LOG_LEVEL', '_X_AMZN_TRACE_ID'] as const;
const saved = Object.fromEntries(envKeys.map((key) => [key, process.env[key]]));
let out: string[];
let err: string[];

beforeEach(() => {
  for (const key of envKeys) delete process.env[key];
  out = [];
  err = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
});
afterEach(() => {
  jest.restoreAllMocks();
  for (const key of envKeys)
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
});

const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const context = (requestId: string) => ({
  awsRequestId: requestId,
  functionName: 'mfa-recovery-AdminApi',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:mfa-recovery-AdminApi',
  memoryLimitInMB: '512',
});

it('writes one JSON line per call in the Powertools order: level, message, timestamp, service, context, trace, keys', () => {
  process.env._X_AMZN_TRACE_ID = 'Root=1-6751a2b3-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1';
  const logger = new Logger('mfa-recovery');
  logger.addContext(context('req-1'));
  logger.appendKeys({ requestId: 'api-1', route: 'GET /admin/customers' });
  logger.info('request handled', { status: 200, viewer: undefined });
  expect(out).toHaveLength(1);
  expect(out[0]).toMatch(/\n$/);
  const [line] = parsed(out);
  expect(Object.keys(line!)).toEqual([
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
    'requestId',
    'route',
    'status',
  ]);
  expect(line).toEqual({
    level: 'INFO',
    message: 'request handled',
    timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    service: 'mfa-recovery',
    cold_start: true,
    function_arn: 'arn:aws:lambda:eu-west-1:123456789012:function:mfa-recovery-AdminApi',
    function_memory_size: '512',
    function_name: 'mfa-recovery-AdminApi',
    function_request_id: 'req-1',
    xray_trace_id: '1-6751a2b3-0123456789abcdef01234567',
    requestId: 'api-1',
    route: 'GET /admin/customers',
    status: 200,
  });
});

it('says cold_start only for the first invocation, and drops removed keys', () => {
  const logger = new Logger('mfa-recovery');
  logger.addContext(context('req-1'));
  logger.appendKeys({ requestId: 'api-1' });
  logger.removeKeys(['requestId']);
  logger.addContext(context('req-2'));
  logger.info('second');
  const [line] = parsed(out);
  expect(line).toMatchObject({ cold_start: false, function_request_id: 'req-2' });
  expect(line).not.toHaveProperty('requestId');
});

it("keeps its own fields when a caller's field has the same name", () => {
  const logger = new Logger('mfa-recovery');
  logger.info('the real message', { message: 'forged', level: 'DEBUG', service: 'other', code: 'X' });
  expect(parsed(out)).toEqual([
    expect.objectContaining({
      level: 'INFO',
      message: 'the real message',
      service: 'mfa-recovery',
      code: 'X',
    }),
  ]);
});

it('writes warnings and errors to stderr, an Error as its fields, a bigint as text', () => {
  const logger = new Logger('mfa-recovery');
  logger.warn('slow', { count: 10n });
  logger.error('failed', { error: new TypeError('boom') });
  expect(out).toEqual([]);
  const [warn, error] = parsed(err);
  expect(warn).toMatchObject({ level: 'WARN', count: '10' });
  expect(error).toMatchObject({
    level: 'ERROR',
    error: { name: 'TypeError', message: 'boom', stack: expect.stringContaining('TypeError: boom') },
  });
});

it('reads its level from AWS_LAMBDA_LOG_LEVEL, then POWERTOOLS_LOG_LEVEL, then LOG_LEVEL (INFO otherwise)', () => {
  const levelsLogged = () => {
    const logger = new Logger('mfa-recovery');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    const levels = parsed([...out, ...err]).map((line) => line.level);
    out.length = 0;
    err.length = 0;
    return levels.sort();
  };
  expect(levelsLogged()).toEqual(['ERROR', 'INFO', 'WARN']);
  process.env.LOG_LEVEL = 'warn';
  expect(levelsLogged()).toEqual(['ERROR', 'WARN']);
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  expect(levelsLogged()).toEqual(['DEBUG', 'ERROR', 'INFO', 'WARN']);
  process.env.AWS_LAMBDA_LOG_LEVEL = 'ERROR';
  expect(levelsLogged()).toEqual(['ERROR']);
  // A value that is no level is ignored, as Powertools ignored it.
  process.env.AWS_LAMBDA_LOG_LEVEL = 'loud';
  expect(levelsLogged()).toEqual(['DEBUG', 'ERROR', 'INFO', 'WARN']);
});

it('follows setLogLevel, which the logging suites use to raise a logger that already exists', () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const logger = new Logger('mfa-recovery');
  logger.info('hidden');
  logger.setLogLevel('DEBUG');
  logger.debug('shown');
  expect(parsed(out).map((line) => line.message)).toEqual(['shown']);
});
