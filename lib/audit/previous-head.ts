// The head an incremental export's head extends: read from the digest file of the export before it in the
// chain (its window ends where this one starts), in the locked bucket beside that export. Its signature,
// export and carried tree state are all checked; anything missing or not matching stops the digest with an
// error naming it (the run fails, the dead-letter and AuditDigestMissing alarms go off). The tree is never
// restarted silently: an incremental export has no head without the one before it.
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { verify } from 'node:crypto';
import type { CompletedExport } from '../aws/dynamodb-exports';
import type { DigestSigner } from '../aws/kms-digest';
import type { ExportBucket } from '../aws/s3-export-bucket';
import { parseStrictJson } from '../strict-json';
import { DIGEST_FOLDER, digestFileName } from './digest';
import { treeHeadBytes, TREE_HEAD_FORMAT, treeHeadSha256, type SignedTreeHead } from './tree-head';
import {
  REBUILT_TREE_STATE_FORMAT,
  TreeStateError,
  treeStateOfHead,
  type CarriedTree,
  type RebuiltTreeState,
} from './tree-chain';

export interface PreviousHead {
  head: SignedTreeHead;
  carried: CarriedTree;
  /** The bucket key of the digest file it was read from. */
  key: string;
  /** True when the digest file's own state did not hold and the operator's rebuilt one was taken. */
  rebuilt?: boolean;
}

/** `exports/<day>/digests/audit-digest-<asOf>-<exportId>.json` of a completed export. */
export const digestKeyOf = (completed: CompletedExport) =>
  posix.join(
    posix.dirname(completed.s3Prefix),
    DIGEST_FOLDER,
    digestFileName({ asOf: completed.exportTime.toISOString(), exportArn: completed.exportArn }),
  );

const text = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * The previous head of the incremental export `current`: the one signed for the export among `known` that
 * ended at `current.from`. Throws TreeStateError when it is not there or does not hold together.
 */
export const readPreviousHead = async (
  current: CompletedExport & { from: Date },
  known: CompletedExport[],
  deps: { bucket: ExportBucket; signer: DigestSigner },
  rebuilt?: RebuiltTreeState,
): Promise<PreviousHead> => {
  const before = known.filter(
    (entry) =>
      entry.exportArn !== current.exportArn &&
      entry.tableArn === current.tableArn &&
      entry.s3Bucket === current.s3Bucket &&
      entry.exportTime.getTime() === current.from.getTime(),
  );
  const where = `the export before ${current.exportArn} (ending at ${current.from.toISOString()})`;
  if (before.length !== 1)
    throw new TreeStateError(
      `${where} is ${before.length === 0 ? 'not among the completed exports' : `ambiguous (${before.length} exports end there)`}: this export's tree head cannot extend it`,
    );
  const previous = before[0] as CompletedExport;
  const key = digestKeyOf(previous);
  if (!(await deps.bucket.exists(key)))
    throw new TreeStateError(`${where} has no digest at ${key}: its head is needed first`);
  return headAndStateOf(
    await text(await deps.bucket.read(key)),
    await deps.signer.publicKeyPem(),
    key,
    previous.exportArn,
    rebuilt,
  );
};

/**
 * The signed head and carried tree state in a digest file's text, checked: the head is signed by the key
 * (and, when given, for that export), and the state makes the head's root and signed pending events.
 */
export const headAndStateOf = (
  fileText: string,
  publicKeyPem: string,
  where: string,
  exportArn?: string,
  /** Taken instead of the file's own state when that one does not hold, if it is for this head. */
  rebuilt?: RebuiltTreeState,
): PreviousHead => {
  let file: { treeHead?: unknown; treeState?: unknown };
  try {
    file = parseStrictJson(fileText) as typeof file;
  } catch (error) {
    throw new TreeStateError(`${where} is not readable (${(error as Error).message})`);
  }
  const head = file?.treeHead as SignedTreeHead | undefined;
  if (
    !head?.statement ||
    head.statement.format !== TREE_HEAD_FORMAT ||
    typeof head.signature?.value !== 'string'
  )
    throw new TreeStateError(`${where} holds no tree head to extend`);
  let signedByUs = false;
  try {
    signedByUs = verify(
      'sha256',
      treeHeadBytes(head.statement),
      publicKeyPem,
      Buffer.from(head.signature.value, 'base64'),
    );
  } catch {
    // A malformed signature is no signature.
  }
  if (!signedByUs || (exportArn !== undefined && head.statement.exportArn !== exportArn))
    throw new TreeStateError(
      `the tree head in ${where} is not signed by the digest key${exportArn ? ` for ${exportArn}` : ''}`,
    );
  try {
    return { head, carried: treeStateOfHead(file.treeState, head.statement), key: where };
  } catch (error) {
    const lost = `the tree state in ${where} does not match its head: ${(error as Error).message}`;
    if (!rebuilt) throw new TreeStateError(lost);
    if (
      rebuilt.format !== REBUILT_TREE_STATE_FORMAT ||
      rebuilt.treeHeadSha256 !== treeHeadSha256(head.statement)
    )
      throw new TreeStateError(
        `${lost}; the rebuilt state given is for another head (${String(rebuilt.exportArn)}), not this one`,
      );
    try {
      return { head, carried: treeStateOfHead(rebuilt.treeState, head.statement), key: where, rebuilt: true };
    } catch (again) {
      throw new TreeStateError(
        `${lost}; the rebuilt state given does not either: ${(again as Error).message}`,
      );
    }
  }
};
