// Example: the login service checks the code a customer typed at login.
//   export AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… AWS_REGION=…   (the lines `npm start` prints)
//   npx tsx clients/login-service/examples/verify-totp.ts --customer cust-1001 --code 123456
import { parseArgs } from 'node:util';
import { createLoginServiceClient, LoginServiceError } from '../src/index';

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string', default: 'http://127.0.0.1:3000' },
    customer: { type: 'string' },
    code: { type: 'string' },
  },
});
if (!values.customer || !values.code) {
  process.stderr.write('usage: verify-totp.ts [--base-url URL] --customer ID --code CODE\n');
  process.exit(2);
}

const client = createLoginServiceClient({ baseUrl: values['base-url'] });
try {
  const status = await client.twoFactorStatus(values.customer);
  process.stdout.write(`2FA of ${values.customer}: ${status.twoFactor}\n`);
  const outcome = await client.verifyTwoFactor(values.customer, values.code);
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
  process.exit(outcome.valid ? 0 : 1);
} catch (error) {
  if (!(error instanceof LoginServiceError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
