// The local stand-in for API Gateway's IAM authorization: checks an AWS Signature Version 4 request
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html) against local keys.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A local IAM principal: the key pair it signs with and what API Gateway would report about it. */
export interface LocalIamIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  /** `arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION` for a role session, as API Gateway reports it. */
  userArn: string;
  /** The role's unique id and the session name, `AROA…:SESSION`. */
  userId: string;
}

/** `requestContext.authorizer.iam` of an HTTP API payload 2.0 event. */
export interface IamAuthorizerContext {
  accessKey: string;
  accountId: string;
  callerId: string;
  cognitoIdentity: null;
  principalOrgId: null;
  userArn: string;
  userId: string;
}

export interface SignedRequest {
  method: string;
  /** The request target exactly as received: path and query, still percent-encoded. */
  url: string;
  /** Each header's values as received (Node's `headersDistinct`), names in lower case. */
  headers: Record<string, string[] | undefined>;
  body: Buffer;
}

export type SigV4Outcome =
  | { ok: true; identity: LocalIamIdentity; authorizer: IamAuthorizerContext }
  | { ok: false; code: string; message: string };

export interface SigV4Settings {
  region: string;
  service: string;
  identities: readonly LocalIamIdentity[];
  now: () => Date;
  /** AWS refuses a request whose x-amz-date is further than this from its clock. */
  maxSkewMs?: number;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const FIVE_MINUTES_MS = 5 * 60 * 1000;

const refuse = (code: string, message: string): SigV4Outcome => ({ ok: false, code, message });

/** RFC 3986 unreserved characters stay, everything else is %XX (upper case), as SigV4 asks. */
const uriEncode = (value: string) =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * The canonical URI for every service but S3: the path as sent, with dot segments and empty segments
 * removed, then each segment URI-encoded again (so an encoded segment is encoded twice).
 */
export const canonicalPath = (rawPath: string) => {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return `/${segments.map(uriEncode).join('/')}${trailing}`;
};

/** Parameters sorted by encoded name, then by encoded value, each side URI-encoded once. */
export const canonicalQuery = (rawQuery: string) =>
  [...new URLSearchParams(rawQuery)]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) =>
      nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0,
    )
    .map(([name, value]) => `${name}=${value}`)
    .join('&');

const canonicalHeaderValue = (values: string[]) =>
  values
    .map((value) =>
      value
        .replace(/[\r\n]/g, ' ')
        .replace(/[ \t]+/g, ' ')
        .trim(),
    )
    .join(',');

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** `YYYYMMDDTHHMMSSZ`, the only form x-amz-date takes. */
const parseAmzDate = (value: string): Date | undefined => {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year as number, (month as number) - 1, day, hour, minute, second));
  return Number.isNaN(date.getTime()) ? undefined : date;
};

const parseAuthorization = (header: string) => {
  if (!header.startsWith(`${ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) return undefined;
    fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature || fields.size !== 3) return undefined;
  return { credential, signedHeaders, signature };
};

const single = (headers: SignedRequest['headers'], name: string) => {
  const values = headers[name];
  return values && values.length === 1 ? values[0] : undefined;
};

export const verifySigV4 = (request: SignedRequest, settings: SigV4Settings): SigV4Outcome => {
  const authorization = single(request.headers, 'authorization');
  if (!authorization)
    return refuse(
      'MISSING_AUTHENTICATION_TOKEN',
      `This route takes requests signed with AWS Signature Version 4 (service ${settings.service}).`,
    );
  const parsed = parseAuthorization(authorization);
  if (!parsed)
    return refuse(
      'INCOMPLETE_SIGNATURE',
      `The Authorization header must read "${ALGORITHM} Credential=…, SignedHeaders=…, Signature=…".`,
    );

  const scopeParts = parsed.credential.split('/');
  if (scopeParts.length !== 5 || scopeParts[4] !== 'aws4_request')
    return refuse('INCOMPLETE_SIGNATURE', 'The credential must read KEY/DATE/REGION/SERVICE/aws4_request.');
  const [accessKeyId, scopeDate, scopeRegion, scopeService] = scopeParts as [string, string, string, string];
  const identity = settings.identities.find((candidate) => candidate.accessKeyId === accessKeyId);
  if (!identity)
    return refuse('INVALID_CLIENT_TOKEN_ID', 'The access key is not one of the local stack’s keys.');
  if (scopeRegion !== settings.region || scopeService !== settings.service)
    return refuse(
      'SIGNATURE_DOES_NOT_MATCH',
      `The credential scope must name region ${settings.region} and service ${settings.service}.`,
    );

  const signedHeaderNames = parsed.signedHeaders.split(';');
  const sorted = [...signedHeaderNames].sort();
  if (
    signedHeaderNames.some((name, index) => name !== sorted[index] || name !== name.toLowerCase()) ||
    new Set(signedHeaderNames).size !== signedHeaderNames.length
  )
    return refuse('INCOMPLETE_SIGNATURE', 'SignedHeaders must be lower case, sorted and distinct.');
  // host ties the signature to this API; x-amz-date to this moment; x-amz-* headers sent must be signed.
  const mustSign = [
    'host',
    'x-amz-date',
    ...Object.keys(request.headers).filter((name) => name.startsWith('x-amz-')),
  ];
  const unsigned = mustSign.filter((name) => !signedHeaderNames.includes(name));
  if (unsigned.length > 0)
    return refuse('INCOMPLETE_SIGNATURE', `These headers must be signed: ${unsigned.join(', ')}.`);
  const missing = signedHeaderNames.filter((name) => !request.headers[name]?.length);
  if (missing.length > 0)
    return refuse('INCOMPLETE_SIGNATURE', `Signed headers missing from the request: ${missing.join(', ')}.`);
  if (request.headers['x-amz-security-token'])
    return refuse(
      'INVALID_CLIENT_TOKEN_ID',
      'The local keys take no session token; unset AWS_SESSION_TOKEN when using them.',
    );

  const amzDate = single(request.headers, 'x-amz-date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt) return refuse('INCOMPLETE_SIGNATURE', 'x-amz-date must read YYYYMMDDTHHMMSSZ.');
  if (scopeDate !== amzDate.slice(0, 8))
    return refuse('SIGNATURE_DOES_NOT_MATCH', 'The credential scope date is not the date of x-amz-date.');
  const skew = Math.abs(settings.now().getTime() - signedAt.getTime());
  if (skew > (settings.maxSkewMs ?? FIVE_MINUTES_MS))
    return refuse('SIGNATURE_EXPIRED', 'The signature is older or newer than five minutes; sign again.');

  const payloadHash = sha256Hex(request.body);
  const declaredHash = request.headers['x-amz-content-sha256'];
  if (declaredHash && (declaredHash.length !== 1 || declaredHash[0] !== payloadHash))
    return refuse(
      'PAYLOAD_HASH_MISMATCH',
      'x-amz-content-sha256 is not the SHA-256 of the body received (unsigned payloads are not accepted).',
    );

  const queryStart = request.url.indexOf('?');
  const rawPath = queryStart < 0 ? request.url : request.url.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? '' : request.url.slice(queryStart + 1);
  const canonicalRequest = [
    request.method,
    canonicalPath(rawPath),
    canonicalQuery(rawQuery),
    ...signedHeaderNames.map((name) => `${name}:${canonicalHeaderValue(request.headers[name] ?? [])}`),
    '',
    parsed.signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${scopeDate}/${scopeRegion}/${scopeService}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${identity.secretAccessKey}`, scopeDate);
  for (const part of [scopeRegion, scopeService, 'aws4_request']) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
  const given = /^[0-9a-f]{64}$/.test(parsed.signature) ? Buffer.from(parsed.signature, 'hex') : undefined;
  if (!given || !timingSafeEqual(given, expected))
    return refuse(
      'SIGNATURE_DOES_NOT_MATCH',
      'The request signature does not match the one calculated from the request and the key.',
    );

  return {
    ok: true,
    identity,
    authorizer: {
      accessKey: identity.accessKeyId,
      accountId: identity.accountId,
      callerId: identity.userId,
      cognitoIdentity: null,
      principalOrgId: null,
      userArn: identity.userArn,
      userId: identity.userId,
    },
  };
};
