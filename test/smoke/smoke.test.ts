// `npm run smoke` as an operator runs it after a deploy, here against a running local stack: the whole
// procedure passes with the stack's printed keys, and fails loudly, at the first step, with wrong ones.
import { execFile } from 'node:child_process';
import { newKeyPair } from '../../local/iam-identities';
import { repoRoot } from '../../tooling/repo-root';
import { tsxNodeArgs } from '../support/child-scripts';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: true });
});
afterAll(async () => {
  await stack?.stop();
});

const smoke = (keys: { accessKeyId: string; secretAccessKey: string; region: string }) =>
  // Asynchronously: the API server the smoke test calls runs in this very process.
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [
        ...tsxNodeArgs({ textLoader: true }),
        'ops/smoke.ts',
        '--base-url',
        stack.apiUrl,
        '--ses-url',
        stack.sesEndpoint,
        '--mail-timeout',
        '30',
      ],
      {
        cwd: repoRoot(),
        timeout: 120_000,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          AWS_ACCESS_KEY_ID: keys.accessKeyId,
          AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
          AWS_REGION: keys.region,
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      },
      (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });

describe('npm run smoke -- --base-url URL', () => {
  it('passes the whole procedure: sync, enroll, triage, verify with the emailed code, disable, re-enroll, log in, backup code', async () => {
    const result = await smoke(stack.loginServiceCredentials);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    const steps = result.stdout.split('\n').filter((line) => line.startsWith('ok '));
    expect(steps.map((line) => line.replace(/^ok\s+/, '').replace(/ \(\d+ ms\)$/, ''))).toEqual([
      'the login service syncs a new customer',
      'the customer turns 2FA on from the profile page',
      'the agent triages the call: nothing left, so verification',
      'an agent verifies the caller, with the code emailed to the address on file',
      'an admin (not the agent) disables 2FA',
      'the reset email’s link enrolls a new authenticator',
      'the login service accepts the new authenticator’s code, once',
      'the login service accepts a backup code, once',
    ]);
    expect(result.stdout).toMatch(/smoke test passed: customer smoke-/);
  });

  it('fails at the first step, saying why, when the login service’s keys are wrong', async () => {
    const result = await smoke({ ...newKeyPair(), region: stack.loginServiceCredentials.region });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /FAIL\s+the login service syncs a new customer: 403 INVALID_CLIENT_TOKEN_ID/,
    );
    expect(result.stdout).not.toMatch(/^ok /m);
    expect(result.stderr).toMatch(/^smoke test failed: /);
  });
});
