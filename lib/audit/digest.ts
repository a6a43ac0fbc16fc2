// The signed digest of an audit export: every chain head (subject → last seq and its hash), signed with
// ECDSA P-256 / SHA-256 (a KMS key in AWS, a local key pair locally). A chain whose tail was cut or a
// subject deleted after the digest no longer reaches the heads it lists. Checking a digest is the
// auditors' (auditor/digests.ts).
import { createHash, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DigestSigner } from '../aws/kms-digest';
import { canonicalJson } from './canonical-json';
import { MANIFEST_FILES, MANIFEST_SUMMARY } from './export-format';

// @2 binds the export's two manifests as well as its identity, time and heads (see ManifestHashes).
export const DIGEST_FORMAT = 'mfa-recovery/audit-digest@2';
export const DIGEST_FOLDER = 'digests';
export const SIGNING_ALGORITHM = 'ECDSA_SHA_256';

/** [subject, seq, hash] — arrays keep a digest of 100,000 subjects a few megabytes. */
export type ChainHeadEntry = [subject: string, seq: number, hash: string];

/**
 * SHA-256 hex of the export's manifest-summary.json and manifest-files.json as they lie in the bucket.
 * The manifests are unsigned and an insider can recompute their checksums, MD5s and counts; bound here,
 * any edit to them (table, export id, time, a data file's MD5 or count) breaks the digest instead.
 */
export interface ManifestHashes {
  summarySha256: string;
  filesSha256: string;
}

export const manifestHashesOf = (summary: Buffer, files: Buffer): ManifestHashes => ({
  summarySha256: createHash('sha256').update(summary).digest('hex'),
  filesSha256: createHash('sha256').update(files).digest('hex'),
});

/** The manifest hashes of an export folder on disk (`…/AWSDynamoDB/<exportId>/`). */
export const manifestHashesOfFolder = async (exportDir: string): Promise<ManifestHashes> =>
  manifestHashesOf(
    await readFile(join(exportDir, MANIFEST_SUMMARY)),
    await readFile(join(exportDir, MANIFEST_FILES)),
  );

export interface DigestStatement {
  format: typeof DIGEST_FORMAT;
  /** The export the heads were read from, and the point in time it shows. */
  exportArn: string;
  tableArn: string;
  asOf: string;
  manifests: ManifestHashes;
  createdAt: string;
  subjectCount: number;
  eventCount: number;
  /** Sorted by subject (UTF-16 code units, as RFC 8785 sorts keys). */
  heads: ChainHeadEntry[];
}

export interface DigestSignature {
  algorithm: typeof SIGNING_ALGORITHM;
  /** The KMS key ARN, or `local:<fingerprint>` for a local key. */
  keyId: string;
  /** SHA-256 hex of the public key's DER (SubjectPublicKeyInfo): names the key file next to the digest. */
  publicKeySha256: string;
  /** Base64 DER ECDSA signature over SHA-256 of the RFC 8785 canonical JSON of `statement`. */
  value: string;
}

export interface SignedDigest {
  statement: DigestStatement;
  signature: DigestSignature;
}

/** Signs a message (ECDSA_SHA_256: the signer hashes with SHA-256). KMS in AWS, a local key locally. */
/** Follows every chain's head while events stream past, in any order. */
export class ChainHeadTracker {
  private readonly heads = new Map<string, { seq: number; hash: string }>();
  eventCount = 0;

  observe(subject: string, seq: number, hash: string) {
    this.eventCount += 1;
    const current = this.heads.get(subject);
    if (!current || seq > current.seq) this.heads.set(subject, { seq, hash });
  }

  entries(): ChainHeadEntry[] {
    return [...this.heads]
      .map(([subject, head]): ChainHeadEntry => [subject, head.seq, head.hash])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

export const publicKeyFingerprint = (publicKeyPem: string) =>
  createHash('sha256')
    .update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }))
    .digest('hex');

export const statementBytes = (statement: DigestStatement) => Buffer.from(canonicalJson(statement), 'utf8');

export const signDigest = async (statement: DigestStatement, signer: DigestSigner): Promise<SignedDigest> => {
  const publicKeyPem = await signer.publicKeyPem();
  const value = await signer.sign(statementBytes(statement));
  return {
    statement,
    signature: {
      algorithm: SIGNING_ALGORITHM,
      keyId: await signer.keyId(),
      publicKeySha256: publicKeyFingerprint(publicKeyPem),
      value: value.toString('base64'),
    },
  };
};

const compactTime = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** File names inside `digests/`: one digest per export, the public key named by its fingerprint. */
export const digestFileName = (statement: Pick<DigestStatement, 'asOf' | 'exportArn'>) =>
  `audit-digest-${compactTime(statement.asOf)}-${statement.exportArn.split('/').pop() ?? 'export'}.json`;
export const publicKeyFileName = (fingerprint: string) => `public-key-${fingerprint.slice(0, 16)}.pem`;

/** Signs with a P-256 private key held in this process (PKCS#8 PEM). */
export const privateKeyDigestSigner = (privateKeyPem: () => string): DigestSigner => {
  const publicKeyPem = async () =>
    createPublicKey(privateKeyPem()).export({ type: 'spki', format: 'pem' }).toString();
  return {
    publicKeyPem,
    keyId: async () => `local:${publicKeyFingerprint(await publicKeyPem()).slice(0, 16)}`,
    sign: async (message) => sign('sha256', message, privateKeyPem()),
  };
};

export const newPrivateKeyPem = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

/**
 * A P-256 key pair in a PEM file, created on first use (mode 0600, under .data/ which git ignores).
 * Locally it stands in for the KMS key; its public half is exported next to every digest.
 */
export const localDigestSigner = (keyFile: string): DigestSigner => {
  let privatePem: string | undefined;
  return privateKeyDigestSigner(() => {
    if (privatePem) return privatePem;
    if (!existsSync(keyFile)) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, newPrivateKeyPem(), { mode: 0o600 });
    }
    privatePem = readFileSync(keyFile, 'utf8');
    return privatePem;
  });
};

/**
 * The digest file: valid JSON with one chain head per line, so it reads in a pager and diffs by line.
 * `treeHead` (lib/audit/tree-head.ts) is signed on its own and binds this digest by its hash; a digest
 * without one (written before tree heads) still verifies as it always did.
 */
export const digestFileText = (digest: SignedDigest, treeHead?: unknown, treeState?: unknown) => {
  const { heads, ...rest } = digest.statement;
  const opening = JSON.stringify(rest).slice(0, -1);
  const lines = heads.map((head) => JSON.stringify(head)).join(',\n');
  const head = treeHead === undefined ? '' : `,\n"treeHead":${JSON.stringify(treeHead)}`;
  // The tree state (lib/audit/tree-chain.ts) is unsigned but checked against the signed head before use.
  const state = treeState === undefined ? '' : `,\n"treeState":${JSON.stringify(treeState)}`;
  return `{"statement":${opening},"heads":[\n${lines}\n]},\n"signature":${JSON.stringify(digest.signature)}${head}${state}}\n`;
};

/** Writes a signed digest and, named by its fingerprint, the public key that checks it into `dir`. */
export const writeDigestFiles = async (
  dir: string,
  digest: SignedDigest,
  publicKeyPem: string,
  treeHead?: unknown,
  treeState?: unknown,
) => {
  await mkdir(dir, { recursive: true });
  const digestFile = join(dir, digestFileName(digest.statement));
  const publicKeyFile = join(dir, publicKeyFileName(digest.signature.publicKeySha256));
  await writeFile(digestFile, digestFileText(digest, treeHead, treeState));
  await writeFile(publicKeyFile, publicKeyPem);
  return { digestFile, publicKeyFile };
};
