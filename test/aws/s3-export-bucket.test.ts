// The export bucket adapter writes nothing over an existing object: every PutObject carries
// `If-None-Match: *`, S3's 412 means "already there" (false), its 409 (another conditional write to the
// key in flight) is retried until S3 decides, and any other failure is thrown. S3 is mocked (no local twin).
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { s3ExportBucket } from '../../lib/aws/s3-export-bucket';

const s3 = mockClient(S3Client);

/** An error as the SDK raises it for an S3 answer. */
const s3Error = (name: string, httpStatusCode: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode }, message: name });

beforeEach(() => s3.reset());
afterAll(() => s3.restore());

const bucket = () => s3ExportBucket('mfa-recovery-audit-exports', new S3Client({ region: 'eu-west-1' }));

it('creates an object only where none is, with a SHA-256 checksum for Object Lock', async () => {
  s3.on(PutObjectCommand).resolves({});
  expect(await bucket().create('exports/d/digests/a.json', '{}', 'application/json')).toBe(true);
  expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
    Bucket: 'mfa-recovery-audit-exports',
    Key: 'exports/d/digests/a.json',
    IfNoneMatch: '*',
    ChecksumAlgorithm: 'SHA256',
  });
});

it('answers false when S3 says the key is taken (412 PreconditionFailed)', async () => {
  s3.on(PutObjectCommand).rejects(s3Error('PreconditionFailed', 412));
  expect(await bucket().create('exports/d/digests/a.json', '{}', 'application/json')).toBe(false);
});

it('retries a 409 ConditionalRequestConflict until S3 decides', async () => {
  s3.on(PutObjectCommand)
    .rejectsOnce(s3Error('ConditionalRequestConflict', 409))
    .rejectsOnce(s3Error('PreconditionFailed', 412));
  expect(await bucket().create('exports/d/digests/a.json', '{}', 'application/json')).toBe(false);
  expect(s3.commandCalls(PutObjectCommand)).toHaveLength(2);
});

it('throws any other failure, and a 409 that does not end', async () => {
  s3.on(PutObjectCommand).rejects(s3Error('AccessDenied', 403));
  await expect(bucket().create('k', '{}', 'application/json')).rejects.toThrow('AccessDenied');
  s3.reset();
  s3.on(PutObjectCommand).rejects(s3Error('ConditionalRequestConflict', 409));
  await expect(bucket().create('k', '{}', 'application/json')).rejects.toThrow('ConditionalRequestConflict');
  expect(s3.commandCalls(PutObjectCommand)).toHaveLength(4);
});
