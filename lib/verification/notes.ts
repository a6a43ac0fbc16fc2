// The agent's free-text notes on a session: free text about a person, kept with the session for 400
// days, so they are stored sealed with the customer's audit-text key (lib/audit/sealed-text.ts), as
// staff reasons are in the audit trail; whoever may see the session reads them opened.
import { isSealedText, openOrPlaceholder, openTextKey, type SealedText } from '../audit/sealed-text';
import type { Random } from '../clock';
import type { CustomerItem } from '../customers/customer';
import { textSealerFor } from '../customers/text-key';

/** A note as stored: sealed; sessions written before sealing hold plain text until their TTL. */
export type StoredNote = SealedText | string;

export const sealNote = async (customerId: string, note: string, deps: { random: Random }) =>
  (await textSealerFor(customerId, deps))(note);

/** Reads a session's notes: the customer's key is unwrapped only when the session holds a sealed one. */
export const noteOpener = async (
  item: { customerId: string; checks: { note?: StoredNote }[] },
  customer: Pick<CustomerItem, 'textKey'> | undefined,
): Promise<(note: StoredNote) => string> => {
  const holdsSealed = item.checks.some((check) => check.note !== undefined && isSealedText(check.note));
  const key =
    holdsSealed && customer?.textKey ? await openTextKey(customer.textKey, item.customerId) : undefined;
  return (note) => (typeof note === 'string' ? note : openOrPlaceholder(note, key, item.customerId));
};
