// What erasure leaves of a customer in the Customers table: the id and when it was erased, nothing
// personal. It keeps the id from being used again: every route for it answers 404 ERASED.
import { notFound } from '../errors';
import type { CustomerItem } from './customer';

export interface CustomerTombstone {
  customerId: string;
  erasedAt: string;
}

export const isTombstone = (item: CustomerItem | CustomerTombstone): item is CustomerTombstone =>
  'erasedAt' in item && typeof item.erasedAt === 'string';

export const erasedError = () =>
  notFound('ERASED', 'This customer was erased; the id is not used again. Sync the person under a new id.');
