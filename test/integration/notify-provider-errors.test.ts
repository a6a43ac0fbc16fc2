// A failed send stores what an operator needs and nothing SES wrote. SES's messages name the recipient
// (`MessageRejected: … <address>`, `AccessDenied … identity/<address>`); the local SES server never
// fails that way, so these faults are injected into the SES client (aws-sdk-client-mock). Each class of
// failure goes through the notifier Lambda, the ledger, the audit trail and the reconciliation, and
// then the audit items, the ledger items and every log line are searched for `@` and the address.
import { SendEmailCommand, SESServiceException } from '@aws-sdk/client-ses';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { AuditItem } from '../../lib/audit/events';
import { ses } from '../../lib/aws/ses';
import { MAX_SEND_ATTEMPTS } from '../../lib/notify/notifier';
import { logger } from '../../lib/observability/logger';
import { loadHandler } from '../../local/api-server';
import { auditEventsOf, expectIntactChain } from '../support/audit';
import { emailOf, genuineAnswers, mailTo, passedCase } from '../support/fixtures';
import { noVelocityLimits, startTestStack, type TestStack } from '../support/stack';
import { setStored, storedItem } from '../support/stored-items';

let stack: TestStack;
let agent: string;
let admin: string;
const captured: string[] = [];
let restoreOutput: () => void;

beforeAll(async () => {
  // Warnings too: the notifier logs a failed send at warn level.
  logger.setLogLevel('DEBUG');
  // No stream poller: each test hands the notifier its record while SES fails.
  stack = await startTestStack({ environment: noVelocityLimits, pollStreams: false });
  agent = await stack.helpdeskToken('agent-dpo');
  admin = await stack.adminToken('admin-dpo');
  // Powertools writes warn and error lines to stderr, the rest to stdout: both are read.
  const restores = [process.stdout, process.stderr].map((stream) => {
    const originalWrite = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (originalWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    return () => {
      stream.write = originalWrite;
    };
  });
  restoreOutput = () => restores.forEach((restore) => restore());
}, 120000);
afterAll(async () => {
  restoreOutput?.();
  await stack?.stop();
});

/** An SES answer as the SDK raises it, its message naming the recipient the way SES's do. */
const sesError = (name: string, httpStatusCode: number, address: string) =>
  new SESServiceException({
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: '7d2f4c1a-0b3e-4f5a-8c6d-9e0f1a2b3c4d' },
    message:
      name === 'AccessDenied'
        ? `User arn:aws:sts::123456789012:assumed-role/notifier is not authorized to perform ses:SendEmail on resource arn:aws:ses:eu-west-1:123456789012:identity/${address}`
        : `Email address is not verified. The following identities failed the check in region EU-WEST-1: ${address} <${address}>`,
  });

/** A customer with 2FA reset by the helpdesk: the TWO_FA_DISABLED event, its email not yet sent. */
const disabledCustomer = async (customerId: string) => {
  const verificationId = await passedCase(stack, customerId, agent);
  const response = await stack.call('POST', `/admin/customers/${customerId}/2fa/disable`, {
    token: admin,
    body: { verificationId, reason: 'lost phone' },
  });
  expect(response.status).toBe(200);
  const disabled = (await auditEventsOf(stack, customerId)).find((event) => event.type === 'TWO_FA_DISABLED');
  return disabled as AuditItem;
};

/** One delivery of the event's stream record to the notifier Lambda, with SES failing as given. */
const deliverWhileSesFails = async (event: AuditItem, error: Error) => {
  const handler =
    await loadHandler<(event: unknown) => Promise<{ batchItemFailures: unknown[] }>>('notifier');
  const sesMock = mockClient(ses());
  sesMock.on(SendEmailCommand).rejects(error);
  try {
    return await handler({
      Records: [{ eventName: 'INSERT', dynamodb: { NewImage: marshall(event), SequenceNumber: '1' } }],
    });
  } finally {
    sesMock.restore();
  }
};

const redrive = async () => {
  const reconcile =
    await loadHandler<(event: unknown) => Promise<{ backlog: { eventId: string; result?: string }[] }>>(
      'outboxReconciliation',
    );
  return reconcile({ action: 'reconcile', settleAfterMinutes: 0 });
};

const ledgerOf = (eventId: string) => storedItem(stack, 'notifications', { eventId });

/** Nothing of what SES wrote: no `@`, no address, no words of its message. */
const expectNoProviderText = (stored: unknown, address: string) => {
  const text = JSON.stringify(stored);
  expect(text).not.toContain('@');
  expect(text.toLowerCase()).not.toContain(address);
  expect(text).not.toMatch(/not verified|not authorized|identity\//);
};

describe('a send SES refuses for good', () => {
  it('is recorded as MessageRejected / rejected, final, in the audit and the ledger, without the address', async () => {
    const event = await disabledCustomer('dpo-rejected');
    const address = emailOf('dpo-rejected');
    expect(await deliverWhileSesFails(event, sesError('MessageRejected', 400, address))).toEqual({
      batchItemFailures: [],
    });
    const events = await expectIntactChain(stack, 'dpo-rejected');
    const failed = events.filter((item) => item.type === 'RESET_EMAIL_FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.details).toEqual({
      kind: 'RESET',
      triggeredBy: event.eventId,
      attempts: 1,
      reason: 'MessageRejected',
      errorClass: 'rejected',
      final: true,
    });
    const ledger = await ledgerOf(event.eventId);
    expect(ledger).toMatchObject({
      status: 'FAILED_PERMANENT',
      errorCode: 'MessageRejected',
      errorClass: 'rejected',
    });
    for (const item of failed) expectNoProviderText(item, address);
    expectNoProviderText(ledger, address);
    // Nothing went out, and the reconciliation does not retry a final failure.
    expect(await mailTo(stack, address)).toHaveLength(0);
    const report = await redrive();
    expect(report.backlog.map((entry) => entry.eventId)).not.toContain(event.eventId);
  });
});

describe('a send SES refuses for now', () => {
  it.each([
    ['Throttling', 400, 'throttled', 'Throttling'],
    ['ServiceUnavailable', 503, 'unavailable', 'ServiceUnavailable'],
    ['SomethingNewException', 400, 'unknown', 'HTTP_400'],
  ])(
    'an SES %s (HTTP %d) leaves the ledger retryable with class %s and code %s, and the redrive sends the mail once',
    async (name, status, errorClass, code) => {
      const customerId = `dpo-${errorClass}`;
      const address = emailOf(customerId);
      const event = await disabledCustomer(customerId);
      const result = await deliverWhileSesFails(event, sesError(name, status, address));
      expect(result.batchItemFailures).toHaveLength(1);
      const ledger = await ledgerOf(event.eventId);
      expect(ledger).toMatchObject({ status: 'FAILED_RETRYABLE', attempts: 1, errorCode: code, errorClass });
      expectNoProviderText(ledger, address);
      // One failure is not final: nothing about it in the audit yet.
      const events = await auditEventsOf(stack, customerId);
      expect(events.some((item) => item.type === 'RESET_EMAIL_FAILED')).toBe(false);

      const report = await redrive();
      expect(report.backlog.find((entry) => entry.eventId === event.eventId)?.result).toBe('SENT');
      expect(await mailTo(stack, address)).toHaveLength(1);
      const sent = (await expectIntactChain(stack, customerId)).filter(
        (item) => item.type === 'RESET_EMAIL_SENT',
      );
      expect(sent.map((item) => item.details.attempts)).toEqual([2]);
      expect(await ledgerOf(event.eventId)).toMatchObject({ status: 'SENT', attempts: 2 });
      expect((await redrive()).backlog.map((entry) => entry.eventId)).not.toContain(event.eventId);
    },
  );

  it("a configuration fault (AccessDenied on the recipient's identity) is final after the stream's retries, as a code, and sends once fixed", async () => {
    const customerId = 'dpo-configuration';
    const address = emailOf(customerId);
    const event = await disabledCustomer(customerId);
    for (let attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt += 1)
      expect(
        (await deliverWhileSesFails(event, sesError('AccessDenied', 403, address))).batchItemFailures,
      ).toHaveLength(1);
    const failed = (await expectIntactChain(stack, customerId)).filter(
      (item) => item.type === 'RESET_EMAIL_FAILED',
    );
    expect(failed.map((item) => item.details)).toEqual([
      expect.objectContaining({
        reason: 'AccessDenied',
        errorClass: 'configuration',
        attempts: MAX_SEND_ATTEMPTS,
        final: true,
      }),
    ]);
    expectNoProviderText(failed, address);
    const ledger = await ledgerOf(event.eventId);
    expect(ledger).toMatchObject({
      status: 'FAILED_RETRYABLE',
      errorCode: 'AccessDenied',
      errorClass: 'configuration',
    });
    expectNoProviderText(ledger, address);
    // The operator fixes the role; the reconciliation still holds the entry and sends it once.
    const report = await redrive();
    expect(report.backlog.find((entry) => entry.eventId === event.eventId)?.result).toBe('SENT');
    expect(await mailTo(stack, address)).toHaveLength(1);
  });

  it("an entry from before the codes loses SES's text at its next write", async () => {
    const customerId = 'dpo-legacy';
    const address = emailOf(customerId);
    const event = await disabledCustomer(customerId);
    // As the notifier wrote it before: SES's own words, and the entry waiting for a retry.
    await setStored(
      stack,
      'notifications',
      { eventId: event.eventId },
      {
        status: { S: 'FAILED_RETRYABLE' },
        attempts: { N: '1' },
        lastError: { S: `MessageRejected: Email address is not verified: ${address}` },
      },
    );
    expect(await deliverWhileSesFails(event, sesError('Throttling', 400, address))).toEqual({
      batchItemFailures: [expect.anything()],
    });
    const retried = await ledgerOf(event.eventId);
    expect(retried).not.toHaveProperty('lastError');
    expect(retried).toMatchObject({ errorCode: 'Throttling', errorClass: 'throttled', attempts: 2 });
    expectNoProviderText(retried, address);
  });
});

it('the verification code mail SES refuses: the agent gets EMAIL_CODE_NOT_DELIVERED, the log the code only', async () => {
  await passedCase(stack, 'dpo-code', agent);
  const address = emailOf('dpo-code');
  const started = await stack.call('POST', '/admin/customers/dpo-code/verifications', {
    token: agent,
    body: { channel: 'phone' },
  });
  // A code goes out only once the caller named the customer and the address on file.
  for (const [type, answer] of [
    ['FULL_NAME', genuineAnswers.FULL_NAME],
    ['EMAIL', address],
  ])
    await stack.call('POST', `/admin/verifications/${started.body.verificationId}/checks`, {
      token: agent,
      body: { type, answer },
    });
  const sesMock = mockClient(ses());
  sesMock.on(SendEmailCommand).rejects(sesError('MessageRejected', 400, address));
  const before = captured.length;
  try {
    const sent = await stack.call('POST', `/admin/verifications/${started.body.verificationId}/email-code`, {
      token: agent,
    });
    expect([sent.status, sent.body.error.code]).toEqual([503, 'EMAIL_CODE_NOT_DELIVERED']);
  } finally {
    sesMock.restore();
  }
  const lines = captured.slice(before).join('');
  expect(lines).toContain('"code":"MessageRejected"');
  expect(lines).not.toContain('@');
});

it('no log line of all the above holds an `@`, an address or words SES wrote, and the codes are there', () => {
  const logLines = captured
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{"level"'));
  expect(logLines.length).toBeGreaterThan(20);
  const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const failures = lines.filter((line) => String(line.message).startsWith('notification'));
  expect(failures.length).toBeGreaterThan(5);
  for (const line of lines) expectNoProviderText(line, '@example.nl');
  expect(failures).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        message: 'notification refused by SES; not retried',
        code: 'MessageRejected',
        errorClass: 'rejected',
        httpStatus: 400,
        awsRequestId: '7d2f4c1a-0b3e-4f5a-8c6d-9e0f1a2b3c4d',
      }),
      expect.objectContaining({
        message: 'notification send failed; the stream will retry',
        code: 'AccessDenied',
        errorClass: 'configuration',
      }),
      expect.objectContaining({
        message: 'notification failed; retrying from this record',
        error: expect.objectContaining({ name: 'Throttling', httpStatus: 400 }),
      }),
    ]),
  );
});
