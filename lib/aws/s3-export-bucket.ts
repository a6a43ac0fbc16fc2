// The audit export bucket in S3, as the ExportBucket that lib/audit/scheduled-export.ts reads and writes.
// The client is created once per container.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';

/** The export bucket, as the scheduled audit export uses it. */
export interface ExportBucket {
  name: string;
  exists(key: string): Promise<boolean>;
  read(key: string): Promise<Readable>;
  put(key: string, body: string, contentType: string): Promise<void>;
}

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
  put: async (key, body, contentType) => {
    await s3Client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        // The bucket has Object Lock, which refuses uploads without an integrity checksum.
        ChecksumAlgorithm: 'SHA256',
      }),
    );
  },
});
