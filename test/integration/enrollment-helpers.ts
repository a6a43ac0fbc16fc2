// Helpers of the enrollment tests: an authenticator app written from the RFCs alone (it shares no
// code with lib/totp), QR decoding, and reads of what DynamoDB holds.
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import jsQR from 'jsqr';
import { createHmac } from 'node:crypto';
import { PNG } from 'pngjs';
import type { Caller, TestStack } from '../support/stack';

/** RFC 4648 base32 decoding, independent of lib/totp/base32.ts. */
const fromBase32 = (text: string) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...text.toUpperCase().replace(/=+$/, '')]
    .map((char) => {
      const value = alphabet.indexOf(char);
      if (value < 0) throw new Error(`not base32: ${char}`);
      return value.toString(2).padStart(5, '0');
    })
    .join('');
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => parseInt(byte, 2)));
};

/** An authenticator app: reads an otpauth URI the way a phone does and shows the code for a time. */
export const authenticatorFrom = (uri: string) => {
  const url = new URL(uri);
  if (url.protocol !== 'otpauth:' || url.host !== 'totp') throw new Error(`not a TOTP URI: ${uri}`);
  const algorithm = (url.searchParams.get('algorithm') ?? 'SHA1').toLowerCase();
  const digits = Number(url.searchParams.get('digits') ?? 6);
  const period = Number(url.searchParams.get('period') ?? 30);
  const key = fromBase32(url.searchParams.get('secret') ?? '');
  /** RFC 6238: HOTP (RFC 4226) of floor(unix seconds / period). */
  const codeForStep = (step: number) => {
    const counter = Buffer.alloc(8);
    counter.writeUInt32BE(Math.floor(step / 2 ** 32), 0);
    counter.writeUInt32BE(step % 2 ** 32, 4);
    const mac = createHmac(algorithm, key).update(counter).digest();
    const offset = mac.at(-1)! & 0xf;
    const value =
      ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
    return String(value % 10 ** digits).padStart(digits, '0');
  };
  const stepAt = (ms: number) => Math.floor(ms / 1000 / period);
  return {
    label: decodeURIComponent(url.pathname.slice(1)),
    issuer: url.searchParams.get('issuer'),
    key,
    stepAt,
    codeForStep,
    codeAt: (ms: number) => codeForStep(stepAt(ms)),
    /** A 6-digit code that is none of the codes of the steps around `ms`: certainly wrong. */
    wrongCodeAt: (ms: number, salt = 0) => {
      const around = new Set([-2, -1, 0, 1, 2, 3].map((offset) => codeForStep(stepAt(ms) + offset)));
      for (let n = 100000 + salt * 7919; ; n += 1) {
        const candidate = String(n % 1000000).padStart(6, '0');
        if (!around.has(candidate)) return candidate;
      }
    },
  };
};

export const decodeQrPng = (dataUrl: string) => {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
};

export const customerRecord = (email: string) => ({
  email,
  fullName: 'Lotte Jansen',
  locale: 'nl',
  chargePointIds: ['NL-ABC-001'],
});

export const createCustomer = async (stack: TestStack, customerId: string) => {
  const response = await stack.call('PUT', `/internal/customers/${customerId}`, {
    token: await stack.serviceToken(),
    body: customerRecord(`${customerId}@example.nl`),
  });
  if (response.status !== 201)
    throw new Error(`could not create ${customerId}: ${JSON.stringify(response.body)}`);
};

export const customerItem = async (stack: TestStack, customerId: string) => {
  const result = await stack.dynamodb.send(
    new GetItemCommand({
      TableName: stack.tableNames.customers,
      Key: { customerId: { S: customerId } },
      ConsistentRead: true,
    }),
  );
  return result.Item ? unmarshall(result.Item) : undefined;
};

/** The raw item as DynamoDB returns it, for checks that nothing readable is stored. */
export const rawCustomerItem = async (stack: TestStack, customerId: string) =>
  JSON.stringify(
    (
      await stack.dynamodb.send(
        new GetItemCommand({ TableName: stack.tableNames.customers, Key: { customerId: { S: customerId } } }),
      )
    ).Item,
  );

export const auditTrail = async (stack: TestStack, customerId: string) => {
  const result = await stack.dynamodb.send(
    new QueryCommand({
      TableName: stack.tableNames.auditEvents,
      KeyConditionExpression: 'subject = :subject',
      ExpressionAttributeValues: { ':subject': { S: `customer#${customerId}` } },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).map((item) => unmarshall(item));
};

export const ticketFromUrl = (enrollUrl: string) =>
  new URLSearchParams(new URL(enrollUrl).hash.slice(1)).get('ticket') ?? '';

/** An enrollment link as the login service asks for one (with a step-up `body` for REPLACE): its ticket and expiry. */
export const issuedTicket = async (stack: TestStack, service: Caller, customerId: string, body?: unknown) => {
  const issued = await stack.call('POST', `/internal/customers/${customerId}/2fa/enrollment-ticket`, {
    token: service,
    ...(body === undefined ? {} : { body }),
  });
  if (issued.status !== 200) throw new Error(`no ticket for ${customerId}: ${JSON.stringify(issued.body)}`);
  return { ticket: ticketFromUrl(issued.body.enrollUrl), expiresAt: issued.body.expiresAt as string };
};
