// A name and a company of many short words, within the record's 200-character limits, gave more search
// terms than one DynamoDB transaction takes (100 items): the sync, the rename and the erasure answered
// 500. The terms are capped (lib/customers/search-terms.ts): every valid record syncs, renames, changes
// email and is erased (2xx), and staff still find it by its first words, through the login service's
// sync route and the staff search route.
import { PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { MAX_NAME_TERMS } from '../../lib/customers/search-terms';
import { customerRecord } from '../support/fixtures';
import { startTestStack, type Caller, type TestStack } from '../support/stack';

let stack: TestStack;
let service: Caller;
let agent: string;

beforeAll(async () => {
  stack = await startTestStack({ pollStreams: false });
  service = await stack.serviceToken();
  agent = await stack.helpdeskToken('agent-bram');
});
afterAll(async () => {
  await stack?.stop();
});

const letters = 'abcdefghijklmnopqrstuvwxyz';
/** 66 distinct two-letter words from `first` on ("qa qb … sn"): 197 characters. */
const shortWords = (first: string) =>
  Array.from({ length: 66 }, (_, index) => {
    const lead = letters[letters.indexOf(first) + Math.floor(index / 26)] ?? 'z';
    return `${lead}${letters[index % 26]}`;
  });
const sync = (customerId: string, overrides: Record<string, unknown>) =>
  stack.call('PUT', `/internal/customers/${customerId}`, { token: service, body: customerRecord(overrides) });
const found = async (query: string) =>
  (
    await stack.call('GET', `/admin/customers?query=${encodeURIComponent(query)}`, { token: agent })
  ).body.customers.map((hit: { customerId: string }) => hit.customerId) as string[];

const searchItemsOf = async (customerId: string) => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, any> | undefined;
  do {
    const page = await stack.dynamodb.send(
      new ScanCommand({ TableName: stack.tableNames.customerSearch, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.filter((item) => item.customerId === customerId);
};

describe('a record of many short words', () => {
  const name = shortWords('q');
  const company = shortWords('t');

  it('fits the limits the issue names: 66 words in at most 200 characters each', () => {
    expect(name.join(' ').length).toBeLessThanOrEqual(200);
    expect(new Set([...name, ...company]).size).toBe(132);
  });

  it('syncs (201), and staff find it by the first words of its name and of its company', async () => {
    const created = await sync('long-1', {
      fullName: name.join(' '),
      companyName: company.join(' '),
      email: 'long-1@example.nl',
    });
    expect(created.status).toBe(201);
    expect(await found('qa')).toEqual(['long-1']);
    expect(await found('qa qb qc')).toEqual(['long-1']);
    expect(await found('ta')).toEqual(['long-1']);
    expect(await found('long-1@example.nl')).toEqual(['long-1']);
    // A later word narrows a search driven by an indexed one: the filter reads the whole name.
    expect(await found(`qa ${name[65]}`)).toEqual(['long-1']);
    // Which words are indexed: the email, the name's first 24, the company's first 15 (documented).
    const terms = (await searchItemsOf('long-1')).filter((item) => item.prefix !== 'id#');
    expect(terms.length).toBeLessThanOrEqual(40);
    expect(await found(name[MAX_NAME_TERMS] ?? '')).toEqual([]);
  });

  it('renames (200): the new first words find it, the old ones no longer do', async () => {
    const renamed = await sync('long-1', {
      fullName: shortWords('e').join(' '),
      companyName: shortWords('h').join(' '),
      email: 'long-1@example.nl',
    });
    expect(renamed.status).toBe(200);
    expect(await found('ea eb')).toEqual(['long-1']);
    expect(await found('qa')).toEqual([]);
    expect(await found('ta')).toEqual([]);
  });

  it('changes email (200): found by the new address, not by the old one', async () => {
    const moved = await sync('long-1', {
      fullName: shortWords('e').join(' '),
      companyName: shortWords('h').join(' '),
      email: 'long-1.new@example.nl',
    });
    expect([moved.status, moved.body.emailChanged]).toEqual([200, true]);
    expect(await found('long-1.new@example.nl')).toEqual(['long-1']);
    expect(await found('long-1@example.nl')).toEqual([]);
  });

  it("takes words with apostrophes (three terms each, D'Hondt style) and a name with the company left out", async () => {
    const apostrophes = Array.from({ length: 40 }, (_, index) => `d'${index + 10}x`);
    const withApostrophes = await sync('long-2', {
      fullName: apostrophes.join(' ').slice(0, 200),
      companyName: apostrophes.join(' ').slice(0, 200),
    });
    expect(withApostrophes.status).toBe(201);
    expect(await found('d10x')).toEqual(['long-2']);
    expect(await found('10x')).toEqual(['long-2']);
    const { companyName: _left, ...withoutCompany } = customerRecord({ fullName: name.join(' ') });
    const noCompany = await stack.call('PUT', '/internal/customers/long-3', {
      token: service,
      body: withoutCompany,
    });
    expect(noCompany.status).toBe(201);
    expect(await found('qa qb')).toEqual(['long-3']);
  });

  it('answers parallel syncs of a new long record without a 500, and leaves one customer', async () => {
    const record = { fullName: shortWords('k').join(' '), companyName: company.join(' ') };
    const answers = await Promise.all(Array.from({ length: 6 }, () => sync('long-4', record)));
    for (const answer of answers) {
      expect([201, 200, 409]).toContain(answer.status);
      if (answer.status === 409) expect(answer.body.error.code).toBe('CONCURRENT_CHANGE');
    }
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(await found('ka kb')).toEqual(['long-4']);
  });

  it('is erased (200) with every search item but its id claim, also terms a record from before the cap had', async () => {
    await sync('long-5', { fullName: shortWords('n').join(' '), companyName: company.join(' ') });
    // Written as the code before the cap did: a term for every word, here the 30th of the name.
    const late = shortWords('n')[29] ?? '';
    await stack.dynamodb.send(
      new PutItemCommand({
        TableName: stack.tableNames.customerSearch,
        Item: {
          prefix: { S: late.slice(0, 2) },
          term: { S: `${late}#long-5` },
          customerId: { S: 'long-5' },
          fullName: { S: shortWords('n').join(' ') },
          email: { S: 'jan.devries@voltpark.nl' },
        },
      }),
    );
    expect(await found(late)).toEqual(['long-5']);
    const erased = await stack.call('POST', '/internal/customers/long-5/erase', { token: service });
    expect(erased.status).toBe(200);
    expect(await searchItemsOf('long-5')).toEqual([{ prefix: 'id#', term: 'long-5', customerId: 'long-5' }]);
    expect(await found('na')).toEqual([]);
    expect(await found(late)).toEqual([]);
  });

  it('drops a pre-cap record’s terms beyond the cap on its next rename, so the old name is not found by them', async () => {
    await sync('long-6', { fullName: shortWords('w').join(' '), companyName: 'Plain BV' });
    const late = shortWords('w')[40] ?? '';
    await stack.dynamodb.send(
      new PutItemCommand({
        TableName: stack.tableNames.customerSearch,
        Item: {
          prefix: { S: late.slice(0, 2) },
          term: { S: `${late}#long-6` },
          customerId: { S: 'long-6' },
          fullName: { S: shortWords('w').join(' ') },
          email: { S: 'jan.devries@voltpark.nl' },
        },
      }),
    );
    const renamed = await sync('long-6', { fullName: 'Wendy Short', companyName: 'Plain BV' });
    expect(renamed.status).toBe(200);
    expect(await found(late)).toEqual([]);
    expect(await found('wendy short')).toEqual(['long-6']);
  });
});
