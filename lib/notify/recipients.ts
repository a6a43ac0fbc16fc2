// Where a customer's mail goes: the addresses on file that can receive it, and for a re-sent reset link
// the further address an admin picked for a customer who could not open the main mailbox.
import type { AuditItem } from '../audit/events';
import type { CustomerItem } from '../customers/customer';

/** A syntactically valid single address; anything else is a permanent failure, not a retry loop. */
export const deliverableAddress = (address: string) =>
  /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/.test(address);

/** A failure no retry will fix: recorded as final, with its message as the fixed code. */
export class PermanentSendFailure extends Error {}

/** The further addresses on file that can receive a copy; an unusable one is skipped, not fatal. */
export const furtherAddresses = (customer: CustomerItem) =>
  (customer.notificationEmails ?? []).filter(
    (address) => deliverableAddress(address) && address.toLowerCase() !== customer.email.toLowerCase(),
  );

/**
 * The further address an admin picked for a re-sent link (lib/reset/resend-link.ts), for that event
 * only and only while it is still on file; undefined for a link to the main address.
 */
export const pickedAddress = (event: AuditItem, customer: CustomerItem) => {
  if (event.type !== 'RESET_LINK_RESENT' || event.details.sentTo !== 'FURTHER_ADDRESS') return undefined;
  const picked = customer.resetLinkRecipient;
  const onFile =
    picked?.eventId === event.eventId
      ? furtherAddresses(customer).find((address) => address.toLowerCase() === picked.address.toLowerCase())
      : undefined;
  // Re-synced away, or a newer re-send replaced the pick: never fall back to another address.
  if (!onFile) throw new PermanentSendFailure('RECIPIENT_NOT_ON_FILE');
  return onFile;
};

/** The reset notices go to every address on file but the link's: the main one too when the link went elsewhere. */
export const noticeAddresses = (customer: CustomerItem, further: string | undefined) =>
  further
    ? [customer.email, ...furtherAddresses(customer).filter((address) => address !== further)]
    : furtherAddresses(customer);
