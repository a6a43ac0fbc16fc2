// The login service's client package against the local stack: every IAM route of the table has a
// typed method, requests are SigV4-signed (the default credential chain in the example), a 503 is
// retried after the server's Retry-After, and the example verifies a TOTP code.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLoginServiceClient,
  LoginServiceError,
  retryAfterSeconds,
  type LoginServiceClient,
} from '../../clients/login-service/src/index';
import { routes } from '../../lib/routes';
import { hotp, timeStep } from '../../lib/totp/totp';
import { nextCode, writeEnrolledCustomers } from '../../bench/fixtures';
import { repoRoot } from '../../tooling/repo-root';
import { tsxNodeArgs } from '../support/child-scripts';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let client: LoginServiceClient;
const dataDir = mkdtempSync(join(tmpdir(), 'mfa-client-'));

const record = {
  email: 'daan.visser@example.nl',
  fullName: 'Daan Visser',
  locale: 'nl' as const,
  chargePointIds: ['NL-CLI-001'],
};

beforeAll(async () => {
  // Its own DynamoDB Local (data on disk), so a test can stop it and see the 503 a client retries.
  stack = await startTestStack({ ownServices: true, pollStreams: false, dynamodbDataDir: dataDir });
  client = createLoginServiceClient({ baseUrl: stack.apiUrl, credentials: stack.loginServiceCredentials });
}, 120000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the login service client', () => {
  it('has one method per IAM route of the route table, named after its operation', () => {
    const iamOperations = routes.filter((route) => route.auth.type === 'iam').map((route) => route.operation);
    expect(Object.keys(client).sort()).toEqual([...iamOperations].sort());
  });

  it('syncs a customer, reads the 2FA status and gets an enrollment link, typed and signed', async () => {
    const created = await client.upsertCustomer('cli-1', record);
    expect(created).toEqual({
      customerId: 'cli-1',
      created: true,
      emailChanged: false,
      twoFactor: 'DISABLED',
    });
    const updated = await client.upsertCustomer('cli-1', { ...record, email: 'daan@example.nl' });
    expect(updated).toMatchObject({ created: false, emailChanged: true });
    expect(await client.twoFactorStatus('cli-1')).toEqual({ twoFactor: 'DISABLED', methods: [] });
    const ticket = await client.issueEnrollmentTicket('cli-1');
    expect(ticket.enrollUrl.startsWith(`${stack.apiUrl}/enroll/#`)).toBe(true);
  });

  it('erases a customer, typed and signed; the id then answers ERASED', async () => {
    await client.upsertCustomer('cli-erase', record);
    expect(await client.eraseCustomer('cli-erase')).toMatchObject({
      customerId: 'cli-erase',
      erased: true,
      erasedNow: true,
    });
    expect(await client.eraseCustomer('cli-erase')).toMatchObject({ erasedNow: false });
    await expect(client.twoFactorStatus('cli-erase')).rejects.toMatchObject({ status: 404, code: 'ERASED' });
  });

  it('verifies a TOTP code once: right, replayed, wrong', async () => {
    const [authenticator] = await writeEnrolledCustomers(['cli-enrolled']);
    if (!authenticator) throw new Error('no authenticator');
    const code = nextCode(authenticator);
    expect(await client.verifyTwoFactor('cli-enrolled', code)).toEqual({
      valid: true,
      method: 'totp',
      backupCodesLeft: 10,
    });
    expect(await client.verifyTwoFactor('cli-enrolled', code)).toMatchObject({
      valid: false,
      reason: 'CODE_ALREADY_USED',
    });
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await client.verifyTwoFactor('cli-enrolled', wrong)).toMatchObject({
      valid: false,
      reason: 'WRONG_CODE',
    });
  });

  it('self-service: renews backup codes and gets a replace link after a step-up, and refuses a wrong step-up', async () => {
    const [authenticator] = await writeEnrolledCustomers(['cli-self']);
    if (!authenticator) throw new Error('no authenticator');
    const renewed = await client.renewBackupCodes('cli-self', nextCode(authenticator));
    expect(renewed.backupCodes).toHaveLength(10);
    const replace = await client.issueEnrollmentTicket('cli-self', renewed.backupCodes[0]);
    expect(replace.enrollUrl.startsWith(`${stack.apiUrl}/enroll/#`)).toBe(true);
    await expect(client.issueEnrollmentTicket('cli-self', renewed.backupCodes[0])).rejects.toMatchObject({
      status: 403,
      code: 'WRONG_CODE',
    });
    await expect(client.renewBackupCodes('cli-self', renewed.backupCodes[1] ?? '')).rejects.toMatchObject({
      status: 400,
      code: 'STEP_UP_TOTP_REQUIRED',
    });
  });

  it('throws the contract error with its code, and refuses keys that are not the login service', async () => {
    await expect(client.twoFactorStatus('cli-nobody')).rejects.toMatchObject({
      status: 404,
      code: 'CUSTOMER_NOT_FOUND',
    });
    const other = stack.otherIamCaller();
    const outsider = createLoginServiceClient({ baseUrl: stack.apiUrl, credentials: other.keys });
    await expect(outsider.twoFactorStatus('cli-1')).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const wrongRegion = createLoginServiceClient({
      baseUrl: stack.apiUrl,
      region: 'us-east-1',
      credentials: stack.loginServiceCredentials,
    });
    await expect(wrongRegion.twoFactorStatus('cli-1')).rejects.toBeInstanceOf(LoginServiceError);
  });

  it('retries a 503 after the Retry-After the service sent', async () => {
    const waits: number[] = [];
    const patient = createLoginServiceClient({
      baseUrl: stack.apiUrl,
      credentials: stack.loginServiceCredentials,
      sleep: async (ms) => {
        waits.push(ms);
        if (waits.length === 2) await stack.restartDynamoDb();
      },
    });
    await stack.stopDynamoDb();
    expect(await patient.twoFactorStatus('cli-1')).toEqual({ twoFactor: 'DISABLED', methods: [] });
    // The service asks for 5 seconds (lib/errors.ts `unavailable`); the client waited that long, twice.
    expect(waits).toEqual([5000, 5000]);
  });

  it('gives up after maxRetries and reports the 503 with its Retry-After', async () => {
    const waits: number[] = [];
    const brief = createLoginServiceClient({
      baseUrl: stack.apiUrl,
      credentials: stack.loginServiceCredentials,
      maxRetries: 2,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await stack.stopDynamoDb();
    try {
      await expect(brief.twoFactorStatus('cli-1')).rejects.toMatchObject({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        retryAfterSeconds: 5,
      });
      expect(waits).toEqual([5000, 5000]);
    } finally {
      await stack.restartDynamoDb();
    }
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(retryAfterSeconds('7', now)).toBe(7);
    expect(retryAfterSeconds('Sun, 29 Nov 2026 12:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
  });

  it('runs the example: the AWS SDK credential chain reads the printed keys from the environment', async () => {
    const [authenticator] = await writeEnrolledCustomers(['cli-example']);
    if (!authenticator) throw new Error('no authenticator');
    const keys = stack.loginServiceCredentials;
    // Asynchronously: the API server answering the example runs in this very process.
    const run = (code: string) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [
            ...tsxNodeArgs(),
            'clients/login-service/examples/verify-totp.ts',
            '--base-url',
            stack.apiUrl,
            '--customer',
            'cli-example',
            '--code',
            code,
          ],
          {
            cwd: repoRoot(),
            timeout: 60_000,
            // Only what a shell would have after pasting the three printed lines: no profile, no token.
            env: {
              PATH: process.env.PATH ?? '',
              HOME: dataDir,
              AWS_ACCESS_KEY_ID: keys.accessKeyId,
              AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
              AWS_REGION: keys.region,
              AWS_EC2_METADATA_DISABLED: 'true',
              AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
            },
          },
          (error, stdout, stderr) =>
            resolve({
              status: error ? (typeof error.code === 'number' ? error.code : null) : 0,
              stdout,
              stderr,
            }),
        );
      });
    const ok = await run(hotp(authenticator.key, timeStep(new Date()) + 1));
    expect({ status: ok.status, stderr: ok.stderr }).toEqual({ status: 0, stderr: '' });
    expect(ok.stdout).toContain('2FA of cli-example: ENABLED');
    expect(ok.stdout).toContain('{"valid":true,"method":"totp","backupCodesLeft":10}');
    const refused = await run('12345');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/400 INVALID_CODE_FORMAT/);
  });
});
