// The audit export bucket in S3, as the ExportBucket that lib/audit/scheduled-export.ts reads and writes.
// The client is created once per container.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';

/** The export bucket, as the scheduled audit export uses it. */
export interface ExportBucket {
  name: string;
  exists(key: string): Promise<boolean>;
  read(key: string): Promise<Readable>;
  /**
   * Writes only if no object has the key (S3: PutObject with `If-None-Match: *`); false when one has,
   * which S3 answers with 412 PreconditionFailed. Of two writers at once exactly one gets true.
   */
  create(key: string, body: string, contentType: string): Promise<boolean>;
}

/** S3 answers a conditional write racing another on the same key with 409: retried, then 412 decides. */
const CONFLICT_RETRIES = 4;

const nameOf = (error: unknown) => (error instanceof Error ? error.name : '');
const statusOf = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;

let client: S3Client | undefined;

const s3 = () => (client ??= new S3Client({ maxAttempts: 3 }));

export const s3ExportBucket = (bucket: string, s3Client: S3Client = s3()): ExportBucket => ({
  name: bucket,
  exists: async (key) => {
    try {
      await s3Client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    } catch (error) {
      if (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey')) return false;
      throw error;
    }
  },
  read: async (key) => {
    const answer = await s3Client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!answer.Body) throw new Error(`s3://${bucket}/${key} has no body`);
    return answer.Body as Readable;
  },
  create: async (key, body, contentType) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await s3Client.send(putIfAbsent(bucket, key, body, contentType));
        return true;
      } catch (error) {
        if (nameOf(error) === 'PreconditionFailed' || statusOf(error) === 412) return false;
        const conflict = nameOf(error) === 'ConditionalRequestConflict' || statusOf(error) === 409;
        if (!conflict || attempt >= CONFLICT_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  },
});

/** Nothing in the export bucket or the auditors' is ever overwritten: every write is a create. */
const putIfAbsent = (bucket: string, key: string, body: string, contentType: string) =>
  new PutObjectCommand({
    Bucket: bucket,
    Key: key,
    Body: body,
    ContentType: contentType,
    // The bucket has Object Lock, which refuses uploads without an integrity checksum.
    ChecksumAlgorithm: 'SHA256',
    IfNoneMatch: '*',
  });
