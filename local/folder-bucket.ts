// An S3 bucket as a folder (keys are paths under it): the export bucket for the tests and the bench, which
// run the export function's code without S3. `create` refuses a key that is taken, as S3 answers a
// PutObject with `If-None-Match: *` (412 PreconditionFailed), and an object appears whole or not at all.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ExportBucket } from '../lib/aws/s3-export-bucket';

export const folderBucket = (root: string, name: string): ExportBucket => ({
  name,
  exists: async (key) =>
    stat(join(root, key)).then(
      () => true,
      () => false,
    ),
  read: async (key) => createReadStream(join(root, key)),
  create: async (key, body) => {
    const target = join(root, key);
    await mkdir(dirname(target), { recursive: true });
    // Written aside, then linked in: link() fails when the name exists, and a reader never sees half a file.
    const aside = `${target}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(aside, body);
    try {
      await link(aside, target);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      await unlink(aside);
    }
  },
});
