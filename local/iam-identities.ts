// The local IAM world: one account, the login service's role, and the key pair the local stack
// prints for it; API Gateway's IAM authorization is emulated against these by sigv4-verifier.ts.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalIamIdentity } from './sigv4-verifier';

export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_LOGIN_SERVICE_ROLE_NAME = 'mfa-recovery-local-login-service';
/** What LOGIN_SERVICE_ROLE_ARN holds locally; in AWS the CDK stack passes the real role's ARN. */
export const LOCAL_LOGIN_SERVICE_ROLE_ARN = `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${LOCAL_LOGIN_SERVICE_ROLE_NAME}`;
/** API Gateway reports a role's caller as its session, `assumed-role/NAME/SESSION`. */
export const LOCAL_LOGIN_SERVICE_SESSION_ARN = `arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/${LOCAL_LOGIN_SERVICE_ROLE_NAME}/local`;

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const keyIdOf = (prefix: 'AKIA' | 'AROA') =>
  prefix + [...randomBytes(16)].map((byte) => alphabet[byte % alphabet.length]).join('');

export interface LocalKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

export const newKeyPair = (): LocalKeyPair => ({
  accessKeyId: keyIdOf('AKIA'),
  secretAccessKey: randomBytes(30).toString('base64'),
});

/** Another principal of the local account: signs validly but is not the login service. */
export const localIdentity = (keys: LocalKeyPair, userArn: string, userId: string): LocalIamIdentity => ({
  ...keys,
  accountId: LOCAL_ACCOUNT_ID,
  userArn,
  userId,
});

/**
 * The login service's local key pair: kept under .data/ (git-ignored, mode 0600) so the lines printed
 * at the first start stay valid; a fresh pair per run when nothing is kept on disk.
 */
export const loginServiceIdentity = (dataDir: string | undefined): LocalIamIdentity => {
  let keys: LocalKeyPair;
  const file = dataDir ? join(dataDir, 'local-login-service-keys.json') : undefined;
  if (file && existsSync(file)) {
    keys = JSON.parse(readFileSync(file, 'utf8')) as LocalKeyPair;
  } else {
    keys = newKeyPair();
    if (dataDir && file) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
    }
  }
  return localIdentity(keys, LOCAL_LOGIN_SERVICE_SESSION_ARN, `${keyIdOf('AROA')}:local`);
};
