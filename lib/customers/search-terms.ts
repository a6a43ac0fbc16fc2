// Search terms: one CustomerSearch item per normalized name word and per email address, keyed by the
// term's first two characters, so a prefix query reads only matching items (no scan of Customers).
import { tableName, type TransactItem } from '../aws/dynamodb';
import type { CustomerItem } from './customer';
import { normalizeEmail, normalizeText, searchWords } from './normalize';

export const MIN_QUERY_LENGTH = 2;

export const termPrefix = (term: string) => term.slice(0, MIN_QUERY_LENGTH);

/** A text's words in the order they are written; "D'Hondt" gives "d", "hondt" and "dhondt". */
const wordsInOrder = (text: string): string[] =>
  normalizeText(text)
    .split(' ')
    .flatMap((token) => [...searchWords(token), ...searchWords(token.replace(/['\u2019`]/g, ''))]);

type Named = Pick<CustomerItem, 'fullName' | 'email' | 'companyName'>;

/** Every word a customer can be found by: the email address, then the words of name and company. */
export const wordsOf = (customer: Named): string[] => [
  ...new Set([
    normalizeEmail(customer.email),
    ...wordsInOrder(customer.fullName),
    ...wordsInOrder(customer.companyName ?? ''),
  ]),
];

const indexable = (word: string) => word.length >= MIN_QUERY_LENGTH;

/**
 * Search items per customer: the email address, the name's first words, the company's first words.
 * A cap, not batches of transactions: a sync, a rename and an erasure each stay one transaction
 * (DynamoDB takes 100 items), so the terms never disagree with the record and no half-written rename
 * can be left behind. A rename's worst case is 40 deletes, 40 puts, the record, its id claim, its audit
 * event and its outbox entry: 84. Real names have a handful of words; a name of 66 words (the 200
 * characters allow it) is found by its first 24 words, a company by its first 15.
 */
export const MAX_NAME_TERMS = 24;
export const MAX_COMPANY_TERMS = 15;

/** The words that get a search item: one or two letters are too common to index; at most 40 (above). */
export const termsOf = (customer: Named): string[] => {
  const terms = new Set([normalizeEmail(customer.email)]);
  for (const [text, cap] of [
    [customer.fullName, MAX_NAME_TERMS],
    [customer.companyName ?? '', MAX_COMPANY_TERMS],
  ] as const) {
    let taken = 0;
    for (const word of wordsInOrder(text)) {
      if (taken === cap) break;
      if (!indexable(word) || terms.has(word)) continue;
      terms.add(word);
      taken += 1;
    }
  }
  return [...terms];
};

/**
 * Terms a record written before the cap may still have beyond it. Deleting them changes nothing the
 * capped search would find, so it happens before the change's own transaction, one item at a time.
 */
export const termsBeyondCap = (customer: Named): string[] => {
  const kept = new Set(termsOf(customer));
  return wordsOf(customer).filter((word) => indexable(word) && !kept.has(word));
};

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
