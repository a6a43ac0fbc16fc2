// One rule for every string of every route (lib/schema.ts textProblem, applied by the middleware):
// well-formed Unicode only, no control character but LF and tab, one-line fields without LF or tab,
// no duplicate key. Each refusal is a 400 naming the field, and nothing is written to any table.
import { routes, type RouteDefinition } from '../../lib/routes';
import { startTestStack, type Caller, type TestStack } from '../support/stack';

let stack: TestStack;
let tokens: { service: Caller; staff: string };

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  tokens = {
    service: await stack.serviceToken(),
    staff: await stack.token('text-admin', ['admin', 'helpdesk', 'security']),
  };
});
afterAll(async () => {
  await stack?.stop();
});

const tokenFor = (route: RouteDefinition) =>
  route.auth.type === 'none' ? undefined : route.auth.type === 'iam' ? tokens.service : tokens.staff;

/** Well-formed path values, so a request reaches body validation. */
const pathOf = (route: RouteDefinition) =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'customerId' ? 'cust-text' : '01JABCDEFGHJKMNPQRSTVWXYZ0',
  );

const bodyFields = (route: RouteDefinition) =>
  Object.keys(
    (route.body as unknown as { def?: { shape?: Record<string, unknown> } } | undefined)?.def?.shape ?? {},
  );

const tableCounts = async () => {
  const counts: Record<string, number> = {};
  for (const [key, table] of Object.entries(stack.tableNames)) counts[key] = await stack.countItems(table);
  return counts;
};

const send = (route: RouteDefinition, rawBody: string) =>
  stack.call(route.method, pathOf(route), {
    ...(tokenFor(route) ? { token: tokenFor(route) } : {}),
    headers: { 'content-type': 'application/json', 'idempotency-key': 'text-rules-key-0001' },
    rawBody,
  });

const withBody = routes.filter((route) => bodyFields(route).length > 0);

describe.each(withBody.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_, route) => {
    it.each(bodyFields(route))(
      'refuses a lone surrogate, a CR or NUL, and a duplicate key in "%s" with a 400 naming it, writing nothing',
      async (field) => {
        const before = await tableCounts();
        for (const [rawBody, message] of [
          [`{"${field}":"lost phone \\ud800 x"}`, /is not well-formed Unicode/],
          [`{"${field}":"\\udc00"}`, /is not well-formed Unicode/],
          [`{"${field}":"Jan\\r\\nBcc: x"}`, /holds a control character/],
          [`{"${field}":"a\\u0000b"}`, /holds a control character/],
          [`{"${field}":"a\\u001bb"}`, /holds a control character/],
          [`{"${field}":"a\\u2028b"}`, /holds a control character/],
          [`{"${field}":"first","${field}":"second"}`, /appears twice \(duplicate key\)/],
        ] as const) {
          const response = await send(route, rawBody);
          expect({ rawBody, status: response.status, code: response.body?.error?.code }).toEqual({
            rawBody,
            status: 400,
            code: 'INVALID_REQUEST',
          });
          expect(response.body.error.details.issues[0].path).toBe(field);
          expect(response.body.error.message).toContain(field);
          expect(response.body.error.message).toMatch(message);
        }
        expect(await tableCounts()).toEqual(before);
      },
    );
  },
);

describe('names and one-line fields', () => {
  const record = (fullName: string) => ({
    email: 'jan@example.com',
    fullName,
    locale: 'nl',
    chargePointIds: ['CP-1'],
  });

  it('a fullName with CR/LF (a forged mail header line) never reaches the customer record, nor any mail', async () => {
    const token = await stack.serviceToken();
    const before = await tableCounts();
    for (const fullName of ['Jan\r\nBcc: x@example.com', 'Jan\nBcc: x@example.com', 'Jan\tde Vries']) {
      const response = await stack.call('PUT', '/internal/customers/cust-crlf', {
        token,
        body: record(fullName),
      });
      expect(response.status).toBe(400);
      expect(response.body.error.details.issues[0].path).toBe('fullName');
    }
    expect(await tableCounts()).toEqual(before);
    expect((await stack.call('GET', '/internal/customers/cust-crlf/2fa', { token })).status).toBe(404);
    expect(
      (await stack.sentEmails()).some((email) => /Bcc: x@example\.com/.test(email.body.text ?? '')),
    ).toBe(false);
    // The same customer with a clean name is accepted: the rule refuses the characters, not the person.
    const created = await stack.call('PUT', '/internal/customers/cust-crlf', {
      token,
      body: record('Jan de Vries 😀 Ñoño'),
    });
    expect(created.status).toBe(201);
  });

  it('a chargePointIds item and a search query are one line too, named by their path', async () => {
    const token = await stack.serviceToken();
    const response = await stack.call('PUT', '/internal/customers/cust-cp', {
      token,
      body: { ...record('Piet'), chargePointIds: ['CP-1', 'CP-2\nCP-3'] },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.issues[0].path).toBe('chargePointIds.1');

    const search = await stack.call('GET', `/admin/customers?query=${encodeURIComponent('jan\r\nx')}`, {
      token: tokens.staff,
    });
    expect(search.status).toBe(400);
    expect(search.body.error.details.issues[0].path).toBe('query');
    expect(search.body.error.message).toMatch(
      /^The query string is not valid: query holds a control character/,
    );
  });

  it("an agent's note may span lines, but holds no other control character", async () => {
    const admin = await stack.token('text-agent', ['helpdesk']);
    await stack.call('PUT', '/internal/customers/cust-note', {
      token: await stack.serviceToken(),
      body: record('Noor'),
    });
    const started = await stack.call('POST', '/admin/customers/cust-note/verifications', {
      token: admin,
      body: { channel: 'phone' },
    });
    expect(started.status).toBe(201);
    const checks = `/admin/verifications/${started.body.verificationId}/checks`;
    const multiLine = await stack.call('POST', checks, {
      token: admin,
      body: { type: 'FULL_NAME', answer: 'Noor', note: 'belde om 10:00\nklant was rustig' },
    });
    expect(multiLine.status).toBe(201);
    const carriageReturn = await stack.call('POST', checks, {
      token: admin,
      body: { type: 'EMAIL', answer: 'jan@example.com', note: 'regel\r\nregel' },
    });
    expect(carriageReturn.status).toBe(400);
    expect(carriageReturn.body.error.details.issues[0].path).toBe('note');
    const answerWithBreak = await stack.call('POST', checks, {
      token: admin,
      body: { type: 'EMAIL', answer: 'jan@example.com\nx' },
    });
    expect(answerWithBreak.status).toBe(400);
    expect(answerWithBreak.body.error.details.issues[0].path).toBe('answer');
  });
});
