// The signed digests an auditor is given: each read strictly, its signature checked against a pinned
// key (or the key found next to it), and paired with the export it was signed for, whose manifests
// must be byte for byte the ones it signed. The digest's format and signing are lib/audit/digest.ts.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  DIGEST_FORMAT,
  SIGNING_ALGORITHM,
  publicKeyFileName,
  publicKeyFingerprint,
  statementBytes,
  type SignedDigest,
} from '../lib/audit/digest';
import { MANIFEST_FILES, MANIFEST_SUMMARY } from '../lib/audit/export-format';
import { parseStrictJson } from '../lib/strict-json';
import { findDigestFiles, type ExportManifest, type FindingSink } from './export-reader';
import { treeHeadOfDigest } from './tree-heads';
import type { SignedTreeHead } from '../lib/audit/tree-head';

/** Wrong usage (a folder that is not one, a --public-key that is no key): exit 2, not a finding. */
export class VerifyUsageError extends Error {}

export interface VerifiedDigest {
  file: string;
  asOf?: string;
  keyId?: string;
  keyFingerprint?: string;
  /** `pinned`: signed by a key the auditor passed in; `export`: by the key found next to the digest. */
  trust?: 'pinned' | 'export';
  valid: boolean;
}

export interface TrustedDigest {
  file: string;
  digest: SignedDigest;
  /** Found in the folder being verified (it must match an export there), or in a --digests folder. */
  inFolder: boolean;
  /** The signed tree head beside it, valid and bound to it; digests from before tree heads have none. */
  treeHead?: SignedTreeHead;
}

export const verifyDigestSignature = (digest: SignedDigest, publicKey: KeyObject | string): boolean => {
  try {
    return verify(
      'sha256',
      statementBytes(digest.statement),
      typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey,
      Buffer.from(digest.signature.value, 'base64'),
    );
  } catch {
    // A malformed signature or key is simply not a valid signature.
    return false;
  }
};

/** Reads a digest file's JSON into a SignedDigest, or says what is wrong with it. */
export const parseSignedDigest = (text: string): SignedDigest & { treeHead?: unknown } => {
  const parsed = parseStrictJson(text) as (Partial<SignedDigest> & { treeHead?: unknown }) | null;
  const statement = parsed?.statement;
  const signature = parsed?.signature;
  if (
    !statement ||
    statement.format !== DIGEST_FORMAT ||
    !Array.isArray(statement.heads) ||
    typeof statement.asOf !== 'string' ||
    typeof statement.exportArn !== 'string' ||
    typeof statement.tableArn !== 'string' ||
    typeof statement.manifests?.summarySha256 !== 'string' ||
    typeof statement.manifests.filesSha256 !== 'string'
  )
    throw new Error(`not a ${DIGEST_FORMAT} statement`);
  if (
    !signature ||
    signature.algorithm !== SIGNING_ALGORITHM ||
    typeof signature.value !== 'string' ||
    typeof signature.publicKeySha256 !== 'string'
  )
    throw new Error(`no ${SIGNING_ALGORITHM} signature`);
  for (const head of statement.heads) {
    if (
      !Array.isArray(head) ||
      typeof head[0] !== 'string' ||
      typeof head[1] !== 'number' ||
      typeof head[2] !== 'string'
    )
      throw new Error('a chain head is not [subject, seq, hash]');
  }
  return parsed.treeHead === undefined
    ? { statement, signature }
    : { statement, signature, treeHead: parsed.treeHead };
};

/**
 * Reads every digest under `root` and in `digestDirs`, checks its signature (against the pinned keys,
 * or the key found next to it) and lists each in `found`; returns the valid ones.
 */
export const loadDigests = async (
  root: string,
  digestDirs: string[],
  options: { trustedPublicKeys?: string[]; requireDigest?: boolean },
  sink: FindingSink,
  label: (path: string) => string,
  found: VerifiedDigest[],
): Promise<TrustedDigest[]> => {
  const pinned = new Map<string, KeyObject>();
  for (const pem of options.trustedPublicKeys ?? []) {
    try {
      pinned.set(publicKeyFingerprint(pem), createPublicKey(pem));
    } catch (error) {
      throw new VerifyUsageError(`a --public-key is not a PEM public key (${(error as Error).message})`);
    }
  }
  const trusted: TrustedDigest[] = [];
  const unpinnedKeys = new Set<string>();
  const inFolder = new Set(await findDigestFiles([root]));
  const files = [...new Set([...inFolder, ...(await findDigestFiles(digestDirs))])];
  for (const file of files) {
    const shown = label(file);
    const verified: VerifiedDigest = { file: shown, valid: false };
    found.push(verified);
    let digest: SignedDigest & { treeHead?: unknown };
    try {
      digest = parseSignedDigest(await readFile(file, 'utf8'));
    } catch (error) {
      sink({
        level: 'error',
        code: 'DIGEST_INVALID',
        message: `not a readable digest (${(error as Error).message})`,
        file: shown,
      });
      continue;
    }
    const fingerprint = digest.signature.publicKeySha256;
    Object.assign(verified, {
      asOf: digest.statement.asOf,
      keyId: digest.signature.keyId,
      keyFingerprint: fingerprint,
    });
    let key = pinned.get(fingerprint);
    if (pinned.size > 0 && !key) {
      sink({
        level: 'error',
        code: 'DIGEST_UNTRUSTED_KEY',
        message: `signed by key ${fingerprint}, which is none of the --public-key keys`,
        file: shown,
      });
      continue;
    }
    if (!key) {
      const keyFile = join(dirname(file), publicKeyFileName(fingerprint));
      const pem = await readFile(keyFile, 'utf8').catch(() => undefined);
      if (!pem || publicKeyFingerprint(pem) !== fingerprint) {
        sink({
          level: 'error',
          code: 'DIGEST_KEY_MISSING',
          message: `its public key ${basename(keyFile)} (SHA-256 ${fingerprint}) is not next to it`,
          file: shown,
        });
        continue;
      }
      key = createPublicKey(pem);
      unpinnedKeys.add(fingerprint);
      verified.trust = 'export';
    } else {
      verified.trust = 'pinned';
    }
    if (!verifyDigestSignature(digest, key)) {
      sink({
        level: 'error',
        code: 'DIGEST_SIGNATURE_INVALID',
        message: 'the signature does not match the digest (the digest was changed)',
        file: shown,
      });
      continue;
    }
    verified.valid = true;
    const { treeHead: rawTreeHead, ...signedDigest } = digest;
    const treeHead = treeHeadOfDigest(rawTreeHead, signedDigest, key, sink, shown);
    trusted.push({
      file: shown,
      digest: signedDigest,
      inFolder: inFolder.has(file),
      ...(treeHead ? { treeHead } : {}),
    });
  }
  // A key read from the folder proves only that digest and key were put there together.
  for (const fingerprint of unpinnedKeys)
    sink({
      level: options.requireDigest ? 'error' : 'warning',
      code: 'KEY_NOT_PINNED',
      message: `digests are signed by key SHA-256 ${fingerprint}, read from the export itself; compare it with the published key and pass it with --public-key${
        options.requireDigest ? ' (--require-digest needs a pinned key)' : ''
      }`,
    });
  return trusted;
};

/**
 * Pairs each valid digest with the export it was signed for (by exportArn) and checks that the export's
 * manifests are byte for byte the ones it signed. A digest in the folder that matches no export there
 * is an error: someone changed the export's identity or time, or removed the export it vouches for.
 */
export const matchDigestsToExports = (
  manifests: ExportManifest[],
  digests: TrustedDigest[],
  sink: FindingSink,
  label: (path: string) => string,
): Map<ExportManifest, TrustedDigest[]> => {
  const matched = new Map<ExportManifest, TrustedDigest[]>();
  for (const trusted of digests) {
    const { statement } = trusted.digest;
    const exports = manifests.filter((manifest) => manifest.summary?.exportArn === statement.exportArn);
    if (exports.length === 0 && trusted.inFolder)
      sink({
        level: 'error',
        code: 'DIGEST_EXPORT_NOT_FOUND',
        message: `signed for export ${statement.exportArn} of ${statement.tableArn} as of ${statement.asOf}, which no export in this folder is: the export was removed, or its manifest relabelled (exportArn, tableArn or exportTime edited)`,
        file: trusted.file,
      });
    for (const manifest of exports) {
      matched.set(manifest, [...(matched.get(manifest) ?? []), trusted]);
      const summary = manifest.summary;
      const edited = [
        summary?.tableArn !== statement.tableArn
          ? `tableArn ${JSON.stringify(summary?.tableArn)} where it signed ${JSON.stringify(statement.tableArn)}`
          : undefined,
        summary?.exportTime !== statement.asOf
          ? `exportTime ${JSON.stringify(summary?.exportTime)} where it signed ${statement.asOf}`
          : undefined,
      ].filter((field) => field !== undefined);
      if (manifest.hashes?.summarySha256 !== statement.manifests.summarySha256)
        sink({
          level: 'error',
          code: 'DIGEST_MANIFEST_MISMATCH',
          message: `manifest-summary.json is not the one ${trusted.file} signed${
            edited.length > 0 ? ` (${edited.join('; ')})` : ''
          }: the summary was edited after the export`,
          file: label(join(manifest.dir, MANIFEST_SUMMARY)),
        });
      if (manifest.hashes?.filesSha256 !== statement.manifests.filesSha256)
        sink({
          level: 'error',
          code: 'DIGEST_MANIFEST_MISMATCH',
          message: `manifest-files.json is not the one ${trusted.file} signed: data files were added, removed or re-listed (MD5, ETag or count edited)`,
          file: label(join(manifest.dir, MANIFEST_FILES)),
        });
    }
  }
  return matched;
};
