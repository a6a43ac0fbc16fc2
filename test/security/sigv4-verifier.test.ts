// The local SigV4 check against AWS's own published test suite (aws-sig-v4-test-suite, "get-vanilla"):
// a signature computed by the spec's authors is accepted, and a byte changed anywhere is not.
import { verifySigV4, type LocalIamIdentity } from '../../local/sigv4-verifier';

const identity: LocalIamIdentity = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  accountId: '000000000000',
  userArn: 'arn:aws:sts::000000000000:assumed-role/example/session',
  userId: 'AROAEXAMPLE:session',
};
const settings = {
  region: 'us-east-1',
  service: 'service',
  identities: [identity],
  now: () => new Date('2015-08-30T12:36:00Z'),
};
const authorization =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';
const vanilla = {
  method: 'GET',
  url: '/',
  headers: {
    host: ['example.amazonaws.com'],
    'x-amz-date': ['20150830T123600Z'],
    authorization: [authorization],
  },
  body: Buffer.alloc(0),
};

describe('the SigV4 check on AWS’s get-vanilla test vector', () => {
  it('accepts the signature AWS published', () => {
    expect(verifySigV4(vanilla, settings)).toMatchObject({
      ok: true,
      identity: { accessKeyId: 'AKIDEXAMPLE' },
    });
  });

  it.each([
    ['another path', { url: '/x' }],
    ['a query added', { url: '/?a=b' }],
    ['another method', { method: 'POST' }],
    ['another host', { headers: { ...vanilla.headers, host: ['example.amazonaws.org'] } }],
    ['a body', { body: Buffer.from('{}') }],
    [
      'the last hex digit of the signature changed',
      { headers: { ...vanilla.headers, authorization: [authorization.replace(/1$/, '2')] } },
    ],
  ])('refuses %s', (_, change) => {
    expect(verifySigV4({ ...vanilla, ...change }, settings)).toMatchObject({ ok: false });
  });

  it('refuses it five minutes and one second later, and accepts it five minutes later', () => {
    const at = (iso: string) => ({ ...settings, now: () => new Date(iso) });
    expect(verifySigV4(vanilla, at('2015-08-30T12:41:00Z')).ok).toBe(true);
    expect(verifySigV4(vanilla, at('2015-08-30T12:41:01Z'))).toMatchObject({ code: 'SIGNATURE_EXPIRED' });
    expect(verifySigV4(vanilla, at('2015-08-30T12:30:59Z'))).toMatchObject({ code: 'SIGNATURE_EXPIRED' });
  });
});
