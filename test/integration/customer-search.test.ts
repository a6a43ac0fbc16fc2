// Finding a customer by email or part of the name, case- and accent-insensitive, paged.
import { startTestStack, type TestStack } from '../support/stack';
import { createCustomer } from '../support/fixtures';

let stack: TestStack;
let agent: string;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  agent = await stack.helpdeskToken();
  await createCustomer(stack, 's-1', {
    fullName: "Émile D'Hondt",
    email: 'emile@laadplein.be',
    companyName: 'Laadplein',
  });
  await createCustomer(stack, 's-2', {
    fullName: 'Emma de Vries',
    email: 'emma@voltpark.nl',
    companyName: 'VoltPark',
  });
  await createCustomer(stack, 's-3', {
    fullName: 'Jan de Vries',
    email: 'jan@voltpark.nl',
    companyName: 'VoltPark',
  });
  for (let index = 0; index < 7; index += 1)
    await createCustomer(stack, `s-page-${index}`, {
      fullName: `Pagina Klant${index}`,
      email: `klant${index}@example.nl`,
      companyName: undefined,
    });
});
afterAll(async () => {
  await stack?.stop();
});

const search = async (query: string, extra = '') => {
  const response = await stack.call('GET', `/admin/customers?query=${encodeURIComponent(query)}${extra}`, {
    token: agent,
  });
  return response;
};
const ids = (response: { body: { customers: { customerId: string }[] } }) =>
  response.body.customers.map((c) => c.customerId).sort();

describe('customer search', () => {
  it('finds by part of the name without accents or case', async () => {
    expect(ids(await search('emile'))).toEqual(['s-1']);
    expect(ids(await search("D'HONDT"))).toEqual(['s-1']);
    expect(ids(await search('dhondt'))).toEqual(['s-1']);
    expect(ids(await search('vries'))).toEqual(['s-2', 's-3']);
    expect(ids(await search('em vri'))).toEqual(['s-2']);
  });

  it('finds by email address, whole or its beginning, and shows the 2FA status', async () => {
    const response = await search('JAN@voltpark.nl');
    expect(response.body.customers).toEqual([
      {
        customerId: 's-3',
        fullName: 'Jan de Vries',
        email: 'jan@voltpark.nl',
        companyName: 'VoltPark',
        twoFactor: 'DISABLED',
        lockReason: null,
      },
    ]);
    expect(ids(await search('emma@'))).toEqual(['s-2']);
  });

  it('pages through many matches with a cursor, each customer once', async () => {
    const first = await search('pagina', '&limit=3');
    expect(first.body.customers).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const seen = new Set(ids(first));
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await search('pagina', `&limit=3&cursor=${cursor}`);
      for (const id of ids(next)) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
      cursor = next.body.nextCursor;
    }
    expect(seen.size).toBe(7);
  });

  it('refuses a one-letter query and a forged cursor with 400', async () => {
    expect((await search('j')).body.error.code).toBe('QUERY_TOO_SHORT');
    expect((await search('jan', '&cursor=bm9wZQ')).body.error.code).toBe('INVALID_CURSOR');
    expect((await search('jan', '&limit=500')).status).toBe(400);
  });
});

describe('customer search with the text in the body (POST /admin/customers/search)', () => {
  const searchByBody = (body: unknown, token = agent) =>
    stack.call('POST', '/admin/customers/search', { token, body });

  it('finds the same customers as the GET search, and pages the same way', async () => {
    for (const query of ['emile', 'vries', 'JAN@voltpark.nl', 'em vri'])
      expect(ids(await searchByBody({ query }))).toEqual(ids(await search(query)));

    const seen = new Set<string>();
    let cursor: string | null | undefined;
    do {
      const page = await searchByBody({ query: 'pagina', limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      for (const id of ids(page)) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(7);
  });

  it('refuses bad bodies with a 400 that names the field, as the GET search does', async () => {
    expect((await searchByBody({ query: 'j' })).body.error.code).toBe('QUERY_TOO_SHORT');
    expect((await searchByBody({ query: 'jan', cursor: 'bm9wZQ' })).body.error.code).toBe('INVALID_CURSOR');
    for (const body of [
      {},
      { query: '' },
      { query: 'jan', limit: 500 },
      { query: 'jan', limit: '3' },
      { query: 'jan', extra: true },
      { query: 'jan\nvries' },
    ]) {
      const response = await searchByBody(body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toEqual(expect.any(String));
    }
  });

  it('is for staff only, as the GET search', async () => {
    expect((await stack.call('POST', '/admin/customers/search', { body: { query: 'vries' } })).status).toBe(
      401,
    );
  });
});
