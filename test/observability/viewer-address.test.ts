// The request log names the viewer, not CloudFront's edge: CloudFront's viewer-request function writes
// the viewer's address into a header of ours, and the log trusts it only on a request that carries
// CloudFront's secret origin header. A client's own X-Forwarded-For, or its own copy of our header sent
// past CloudFront, never becomes the logged address.
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { viewerAddressCode } from '../../cdk/constructs/web';
import { requestLogging, routeLookup, type RoutedEvent } from '../../lib/http/middlewares';
import { logger } from '../../lib/observability/logger';
import {
  parseViewerAddress,
  requestAddress,
  VIEWER_ADDRESS_HEADER,
} from '../../lib/observability/viewer-address';
import { routes } from '../../lib/routes';

const secret = 'd2hhdC1jbG91ZGZyb250LXNlbmRz-0123456789abcdef';
const edge = '130.176.98.12';

describe('the viewer address CloudFront forwards', () => {
  it('reads IPv4 and IPv6, bare or with the port CloudFront-Viewer-Address adds, and nothing else', () => {
    expect(parseViewerAddress('198.51.100.10')).toBe('198.51.100.10');
    expect(parseViewerAddress('198.51.100.10:46532')).toBe('198.51.100.10');
    expect(parseViewerAddress('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:85a3::8a2e:370:7334');
    // CloudFront writes IPv6 without brackets: the port is what follows the last colon.
    expect(parseViewerAddress('2001:db8:85a3:0:0:8a2e:370:7334:46532')).toBe(
      '2001:db8:85a3:0:0:8a2e:370:7334',
    );
    expect(parseViewerAddress('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(parseViewerAddress(' 203.0.113.7 ')).toBe('203.0.113.7');
    for (const junk of [
      undefined,
      '',
      'unknown',
      '198.51.100.10, 10.0.0.1',
      '198.51.100.256',
      '198.51.100.10:port',
      '[198.51.100.10]:443',
      '<script>:1',
      `${'1'.repeat(70)}`,
    ])
      expect({ junk, parsed: parseViewerAddress(junk) }).toEqual({ junk, parsed: undefined });
  });

  it("CloudFront's function replaces a client's own value with the viewer's address", () => {
    const handler = new Function(`${viewerAddressCode()}; return handler;`)() as (event: unknown) => any;
    const request = handler({
      viewer: { ip: '2001:db8::7' },
      request: { headers: { [VIEWER_ADDRESS_HEADER]: { value: '1.2.3.4' }, host: { value: 'x' } } },
    });
    expect(request.headers[VIEWER_ADDRESS_HEADER]).toEqual({ value: '2001:db8::7' });
    expect(request.headers.host).toEqual({ value: 'x' });
  });

  it('is used only on a request that came through CloudFront; otherwise the source address stands', () => {
    const headers = {
      [VIEWER_ADDRESS_HEADER]: '198.51.100.10',
      'x-forwarded-for': '10.9.9.9, 198.51.100.10',
    };
    expect(requestAddress({ headers, sourceIp: edge, throughCloudFront: true })).toEqual({
      ip: '198.51.100.10',
      ipFrom: 'viewer',
    });
    expect(requestAddress({ headers, sourceIp: '203.0.113.50', throughCloudFront: false })).toEqual({
      ip: '203.0.113.50',
      ipFrom: 'source',
    });
    expect(
      requestAddress({
        headers: { [VIEWER_ADDRESS_HEADER]: 'garbage' },
        sourceIp: edge,
        throughCloudFront: true,
      }),
    ).toEqual({ ip: edge, ipFrom: 'source' });
  });
});

describe('the request log line', () => {
  const saved = { ...process.env };
  let printed: string[] = [];
  let write: jest.SpyInstance;

  beforeAll(() => {
    logger.setLogLevel('INFO');
  });
  beforeEach(() => {
    printed = [];
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
  });
  afterEach(() => write.mockRestore());
  afterAll(() => {
    process.env = saved;
    logger.setLogLevel('ERROR');
  });

  /** The middlewares as deployed, CloudFront's secret configured, in front of a handler that answers 200. */
  const loggedIp = async (headers: Record<string, string>, sourceIp: string) => {
    printed = [];
    process.env.ORIGIN_VERIFY_HEADER = 'x-origin-verify';
    process.env.ORIGIN_VERIFY_VALUE = secret;
    const handler = middy<RoutedEvent, APIGatewayProxyStructuredResultV2>()
      .use(requestLogging())
      .use(routeLookup(routes))
      .handler(async () => ({ statusCode: 200, body: '{}' }));
    await handler(
      { routeKey: 'GET /health', headers, requestContext: { requestId: 'r-1', http: { sourceIp } } } as never,
      { awsRequestId: 'a-1', functionName: 'f' } as never,
    );
    const line = printed
      .join('')
      .split('\n')
      .filter((text) => text.includes('"request handled"'))
      .map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(line).toHaveLength(1);
    return { ip: line[0]!.ip, ipFrom: line[0]!.ipFrom };
  };

  it("names the viewer of a browser request through CloudFront, not CloudFront's edge", async () => {
    expect(
      await loggedIp(
        { 'x-origin-verify': secret, 'X-Viewer-Address': '2001:db8::42', 'x-forwarded-for': '2001:db8::42' },
        edge,
      ),
    ).toEqual({ ip: '2001:db8::42', ipFrom: 'viewer' });
  });

  it('a spoofed X-Forwarded-For never wins, through CloudFront or around it', async () => {
    expect(
      await loggedIp(
        { 'x-origin-verify': secret, 'x-viewer-address': '198.51.100.10', 'x-forwarded-for': '10.0.0.1' },
        edge,
      ),
    ).toEqual({ ip: '198.51.100.10', ipFrom: 'viewer' });
    expect(await loggedIp({ 'x-forwarded-for': '10.0.0.1' }, '203.0.113.50')).toEqual({
      ip: '203.0.113.50',
      ipFrom: 'source',
    });
  });

  it('a caller who skips CloudFront and sends our header itself is logged by its own address', async () => {
    for (const headers of [
      { 'x-viewer-address': '10.0.0.1' } as Record<string, string>,
      { 'x-viewer-address': '10.0.0.1', 'x-origin-verify': 'guess' },
    ])
      expect(await loggedIp(headers, '203.0.113.50')).toEqual({ ip: '203.0.113.50', ipFrom: 'source' });
  });
});
