// Test fixtures: customers created through the login service's own route, plus a direct write of the
// 2FA state where a test needs a customer who is already enrolled (enrollment has its own tests).
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { SentEmail, TestStack } from './stack';
import { isMailOfKind, mailOfKind } from './mails';

export const customerRecord = (overrides: Record<string, unknown> = {}) => ({
  email: 'jan.devries@voltpark.nl',
  fullName: 'Jan de Vries',
  companyName: 'VoltPark B.V.',
  companyInfo: 'KvK 81234567, Utrecht',
  locale: 'nl',
  lastLoginAt: '2026-11-20T08:14:00Z',
  chargePointIds: ['NL-VPK-00017', 'NL-VPK-00018', 'NL-VPK-00019'],
  lastTransaction: { at: '2026-11-19T17:42:00Z', chargePointId: 'NL-VPK-00018', amountCents: 1845 },
  ...overrides,
});

export const createCustomer = async (
  stack: TestStack,
  customerId: string,
  overrides: Record<string, unknown> = {},
) => {
  const response = await stack.call('PUT', `/internal/customers/${customerId}`, {
    token: await stack.serviceToken(),
    body: customerRecord(overrides),
  });
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`could not create ${customerId}: ${JSON.stringify(response.body)}`);
  return response.body;
};

/** Marks a customer as enrolled, with credential attributes a disable must remove. */
export const markEnrolled = async (stack: TestStack, customerId: string) => {
  await stack.dynamodb.send(
    new UpdateItemCommand({
      TableName: stack.tableNames.customers,
      Key: { customerId: { S: customerId } },
      UpdateExpression:
        'SET twoFactor = :enabled, totpSecret = :secret, backupCodeHashes = :codes, #v = #v + :one',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: {
        ':enabled': { S: 'ENABLED' },
        ':secret': { M: { sealed: { S: 'test-sealed-secret' } } },
        ':codes': { SS: ['0'.repeat(64)] },
        ':one': { N: '1' },
      },
    }),
  );
};

/** The answers a genuine caller gives for customerRecord(). */
export const genuineAnswers: Record<string, string> = {
  FULL_NAME: 'jan de vries',
  EMAIL: 'Jan.DeVries@VoltPark.nl',
  COMPANY_NAME: 'Voltpark B.V.',
  LAST_LOGIN_DATE: '20-11-2026',
  CHARGE_POINT_IDS: 'NL-VPK-00017, nl-vpk-00019',
  LAST_TRANSACTION: '2026-11-19 € 18,45',
  COMPANY_INFO: 'KvK nummer 81234567',
};

/** The knowledge checks a passing verification asks, before the emailed code. */
export const knowledgeChecks = ['FULL_NAME', 'EMAIL', 'CHARGE_POINT_IDS', 'LAST_TRANSACTION'];

/** Runs a whole passing verification as an agent and returns its id. */
export const passVerification = async (
  stack: TestStack,
  customerId: string,
  agentToken: string,
  types: string[] = knowledgeChecks,
  answers: Record<string, string> = {},
  channel: 'phone' | 'chat' | 'email' = 'phone',
) => {
  const started = await stack.call('POST', `/admin/customers/${customerId}/verifications`, {
    token: agentToken,
    body: { channel },
  });
  if (started.status !== 201) throw new Error(`start failed: ${JSON.stringify(started.body)}`);
  const verificationId: string = started.body.verificationId;
  for (const type of types) {
    const check = await stack.call('POST', `/admin/verifications/${verificationId}/checks`, {
      token: agentToken,
      body: { type, answer: answers[type] ?? genuineAnswers[type], note: `asked ${type}` },
    });
    if (check.body.result !== 'MATCH')
      throw new Error(`${type} did not match: ${JSON.stringify(check.body)}`);
  }
  await readBackEmailCode(stack, verificationId, agentToken);
  const completed = await stack.call('POST', `/admin/verifications/${verificationId}/complete`, {
    token: agentToken,
  });
  if (completed.body.outcome !== 'PASSED') throw new Error(`not passed: ${JSON.stringify(completed.body)}`);
  return verificationId;
};

/** The code the SES server received for this session (its mail names the case number), or undefined. */
export const emailedCode = async (stack: TestStack, verificationId: string) => {
  // The mail names the session as the caller reads it back: by its case number. An admin reads any
  // agent's session (another agent may not).
  const session = await stack.call('GET', `/admin/verifications/${verificationId}`, {
    token: await stack.adminToken('admin-anna'),
  });
  const reference: string = session.body.caseNumber ?? verificationId;
  const mail = (await stack.sentEmails())
    .filter((email) => (email.body.text ?? '').includes(reference))
    .at(-1);
  return /^\s+(\d{6,})\s*$/m.exec(mail?.body.text ?? '')?.[1];
};

/** Possession, as a genuine caller proves it: the code is emailed and read back to the agent. */
export const readBackEmailCode = async (stack: TestStack, verificationId: string, agentToken: string) => {
  const sent = await stack.call('POST', `/admin/verifications/${verificationId}/email-code`, {
    token: agentToken,
  });
  if (sent.status !== 202) throw new Error(`email code not sent: ${JSON.stringify(sent.body)}`);
  const code = await emailedCode(stack, verificationId);
  if (!code) throw new Error(`no code mail for ${verificationId}`);
  const check = await stack.call('POST', `/admin/verifications/${verificationId}/checks`, {
    token: agentToken,
    body: { type: 'EMAIL_CODE', answer: code },
  });
  if (check.body.result !== 'MATCH')
    throw new Error(`EMAIL_CODE did not match: ${JSON.stringify(check.body)}`);
};

/** A test customer's own address, so the mail a test reads on the shared SES server is its own. */
export const emailOf = (customerId: string) => `${customerId}@example.nl`;

/** Passes a verification of a customer with their own address (emailOf), as the given agent. */
export const passOwnMail = (stack: TestStack, customerId: string, agentToken: string) =>
  passVerification(stack, customerId, agentToken, knowledgeChecks, { EMAIL: emailOf(customerId) });

/** A customer with their own address and 2FA on, and a verification an agent passed: its id. */
export const passedCase = async (
  stack: TestStack,
  customerId: string,
  agentToken: string,
  overrides: Record<string, unknown> = {},
) => {
  await createCustomer(stack, customerId, { email: emailOf(customerId), ...overrides });
  await markEnrolled(stack, customerId);
  return passOwnMail(stack, customerId, agentToken);
};

/** The mail an address received, without the verification codes read back to the agent. */
export const mailTo = async (stack: TestStack, address: string) =>
  (await stack.sentEmails()).filter(
    (email) => email.destination.to.includes(address) && !isMailOfKind(email, 'EMAIL_CODE'),
  );

/** The ticket in a mailed enrollment link, or '' when the mail has none. */
export const ticketIn = (email: SentEmail | undefined) =>
  /#ticket=([A-Za-z0-9_-]+)/.exec(email?.body.text ?? '')?.[1] ?? '';

/** A customer reset by the helpdesk (an agent's pass, an admin's disable): the case and the mailed ticket. */
export const resetCustomer = async (
  stack: TestStack,
  customerId: string,
  tokens: { agent: string; admin: string },
) => {
  const caseId = await passedCase(stack, customerId, tokens.agent);
  const disabled = await stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: tokens.admin,
    body: { verificationId: caseId, reason: 'lost phone' },
  });
  if (disabled.status !== 200) throw new Error(`disable failed: ${JSON.stringify(disabled.body)}`);
  await stack.poller?.drain();
  return { caseId, ticket: ticketIn(await mailOfKind(stack, emailOf(customerId), 'RESET')) };
};
