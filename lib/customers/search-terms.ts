// Search terms: one CustomerSearch item per normalized name word and per email address, keyed by the
// term's first two characters, so a prefix query reads only matching items (no scan of Customers).
import { tableName, type TransactItem } from '../aws/dynamodb';
import type { CustomerItem } from './customer';
import { normalizeEmail, searchWords } from './normalize';

export const MIN_QUERY_LENGTH = 2;

export const termPrefix = (term: string) => term.slice(0, MIN_QUERY_LENGTH);

/** Every word a customer can be found by; "D'Hondt" is found as "d", "hondt" and "dhondt". */
export const wordsOf = (customer: Pick<CustomerItem, 'fullName' | 'email' | 'companyName'>): string[] => {
  const words = new Set<string>([normalizeEmail(customer.email)]);
  for (const text of [customer.fullName, customer.companyName ?? '']) {
    for (const word of searchWords(text)) words.add(word);
    for (const word of searchWords(text.replace(/['\u2019`]/g, ''))) words.add(word);
  }
  return [...words];
};

/** The words that get a search item: one or two letters are too common to index. */
export const termsOf = (customer: Pick<CustomerItem, 'fullName' | 'email' | 'companyName'>): string[] =>
  wordsOf(customer).filter((term) => term.length >= MIN_QUERY_LENGTH);

export const termKey = (term: string, customerId: string) => ({
  prefix: termPrefix(term),
  term: `${term}#${customerId}`,
});

/** The writes that bring a customer's terms from `before` to `after`; unchanged terms are not touched. */
export const searchTermItems = (before: CustomerItem | undefined, after: CustomerItem): TransactItem[] => {
  const old = new Set(before ? termsOf(before) : []);
  const next = new Set(termsOf(after));
  const sameNames =
    before !== undefined &&
    before.fullName === after.fullName &&
    before.email === after.email &&
    before.companyName === after.companyName;
  const writes: TransactItem[] = [];
  for (const term of old) {
    if (!next.has(term))
      writes.push({
        Delete: { TableName: tableName('customerSearch'), Key: termKey(term, after.customerId) },
      });
  }
  for (const term of next) {
    if (old.has(term) && sameNames) continue;
    writes.push({
      Put: {
        TableName: tableName('customerSearch'),
        Item: {
          ...termKey(term, after.customerId),
          customerId: after.customerId,
          fullName: after.fullName,
          email: after.email,
          ...(after.companyName ? { companyName: after.companyName } : {}),
        },
      },
    });
  }
  return writes;
};
