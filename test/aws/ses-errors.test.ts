// A failed SES call is stored and logged as a fixed code and class read from its name and HTTP
// status; the message SES wrote (which names the recipient) is never read.
import { MessageRejected, SESServiceException } from '@aws-sdk/client-ses';
import { sesFailure, sesFailureLog } from '../../lib/aws/ses-errors';

const address = 'jan.de.vries@example.nl';

/** An error as the SDK raises it for an SES answer: the name is SES's error code. */
const sesError = (name: string, httpStatusCode: number | undefined, message: string) =>
  new SESServiceException({
    name,
    $fault: httpStatusCode !== undefined && httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: '0f6c1d3e-1111-4a55-9f2b-6a1f4b2c3d4e' },
    message,
  });

it.each([
  [
    'MessageRejected',
    400,
    `Email address is not verified. The following identities failed the check in region EU-WEST-1: ${address}`,
    'rejected',
  ],
  [
    'AccessDenied',
    403,
    `User arn:aws:sts::123456789012:assumed-role/notifier is not authorized to perform ses:SendEmail on resource arn:aws:ses:eu-west-1:123456789012:identity/${address}`,
    'configuration',
  ],
  ['Throttling', 400, `Maximum sending rate exceeded (sending to ${address}).`, 'throttled'],
  ['ServiceUnavailable', 503, `Service unavailable for ${address}`, 'unavailable'],
  ['MailFromDomainNotVerifiedException', 400, `MAIL FROM of ${address} not verified`, 'configuration'],
])(
  'an SES %s (HTTP %d) is stored as its name and the class an operator acts on',
  (name, status, message, errorClass) => {
    const failure = sesFailure(sesError(name, status, message));
    expect(failure).toEqual({ code: name, errorClass });
    expect(JSON.stringify(sesFailureLog(sesError(name, status, message)))).not.toMatch(/@|example\.nl/);
  },
);

it("reads the class from the error's name, never from its message", () => {
  expect(sesFailure(sesError('MessageRejected', 400, 'Throttling: Maximum sending rate exceeded'))).toEqual({
    code: 'MessageRejected',
    errorClass: 'rejected',
  });
  // A name SES may add one day: its HTTP status says what it can, the name is not stored.
  expect(sesFailure(sesError('SomethingNewException', 400, 'MessageRejected: Throttling'))).toEqual({
    code: 'HTTP_400',
    errorClass: 'unknown',
  });
  expect(sesFailure(sesError('SomethingNewException', 429, `rate for ${address}`))).toEqual({
    code: 'HTTP_429',
    errorClass: 'throttled',
  });
  expect(sesFailure(sesError('SomethingNewException', 403, `identity/${address}`))).toEqual({
    code: 'HTTP_403',
    errorClass: 'configuration',
  });
  expect(sesFailure(sesError('SomethingNewException', 502, `identity/${address}`))).toEqual({
    code: 'HTTP_502',
    errorClass: 'unavailable',
  });
  // A name that is not a known code may be anything SES or a proxy wrote: not stored.
  expect(sesFailure(Object.assign(new Error('x'), { name: address }))).toEqual({
    code: 'UNKNOWN',
    errorClass: 'unknown',
  });
  expect(sesFailure('a thrown string')).toEqual({ code: 'UNKNOWN', errorClass: 'unknown' });
});

it('tells an unreachable SES apart by the socket error code', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8005'), { code: 'ECONNREFUSED' });
  expect(sesFailure(refused)).toEqual({ code: 'NETWORK_ERROR', errorClass: 'unavailable' });
  // The same words in a message, without the code, are text: not read.
  expect(sesFailure(new Error('connect ECONNREFUSED'))).toEqual({ code: 'UNKNOWN', errorClass: 'unknown' });
});

it("logs the status and AWS's request id beside the code, so AWS support can find the call", () => {
  const error = new MessageRejected({
    message: `Address blacklisted: ${address}`,
    $metadata: {
      httpStatusCode: 400,
      requestId: '0f6c1d3e-1111-4a55-9f2b-6a1f4b2c3d4e',
    },
  });
  expect(sesFailureLog(error)).toEqual({
    code: 'MessageRejected',
    errorClass: 'rejected',
    httpStatus: 400,
    awsRequestId: '0f6c1d3e-1111-4a55-9f2b-6a1f4b2c3d4e',
  });
  const oddId = sesError('Throttling', 400, 'x');
  oddId.$metadata.requestId = `id for ${address}`;
  expect(sesFailureLog(oddId)).not.toHaveProperty('awsRequestId');
});
