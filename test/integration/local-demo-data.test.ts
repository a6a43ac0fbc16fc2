// The local stack's demo data as someone following the README uses it: the demo customers'
// authenticators are in a file the start names, also with --in-memory (its own file, gone on stop).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { authenticatorFrom } from './enrollment-helpers';
import { startTestStack } from '../support/stack';

it('writes an in-memory stack’s demo authenticators to a private file of its own (0600), which works for a login code and goes when the stack stops', async () => {
  const stack = await startTestStack({ pollStreams: false, demoData: true });
  const file = stack.demoAuthenticatorsFile;
  try {
    expect(file).toBeDefined();
    // Never .data/'s file: that one belongs to the stack that keeps its data.
    expect(file).not.toContain('/.data/');
    expect(statSync(file as string).mode & 0o777).toBe(0o600);
    const authenticators = JSON.parse(readFileSync(file as string, 'utf8')) as {
      customerId: string;
      otpauthUri: string;
      backupCodes: string[];
    }[];
    expect(authenticators.map((entry) => entry.customerId)).toEqual(['cust-1001', 'cust-1003']);
    // The file's codes are the customer's: the login service accepts the next app code and a backup code.
    const [jan, sarah] = authenticators;
    const appCode = await stack.call('POST', '/internal/customers/cust-1001/2fa/verify', {
      token: await stack.serviceToken(),
      body: { code: authenticatorFrom(jan?.otpauthUri ?? '').codeAt(Date.now() + 30_000) },
    });
    expect(appCode.body).toMatchObject({ valid: true, method: 'totp' });
    const backupCode = await stack.call('POST', '/internal/customers/cust-1003/2fa/verify', {
      token: await stack.serviceToken(),
      body: { code: sarah?.backupCodes[0] },
    });
    expect(backupCode.body).toMatchObject({ valid: true });
  } finally {
    await stack.stop();
  }
  expect(existsSync(file as string)).toBe(false);
});
