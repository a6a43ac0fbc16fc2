// Sealed text only where an event names it: the console opens exactly the fields each event's
// declaration lists, so sealed text anywhere else would reach staff as a placeholder-less blob, and the
// append refuses it.
import { auditEvents, unnamedSealedFields } from '../../lib/audit/events';
import { sealText } from '../../lib/audit/sealed-text';
import { systemRandom } from '../../lib/clock';

describe('sealed fields of audit events', () => {
  const key = Buffer.alloc(32, 7);
  const sealed = sealText('Telefoon kwijt', key, 'c-1', systemRandom);

  it('names only fields the console has words for', () => {
    const fields = new Set(Object.values(auditEvents).flatMap((event) => event.sealed));
    expect([...fields].sort()).toEqual(['address', 'note', 'reason', 'reportedFrom']);
  });

  it('finds sealed text in a field the event does not name', () => {
    expect(unnamedSealedFields({ type: 'VERIFICATION_CANCELLED', details: { note: sealed } })).toEqual([
      'note',
    ]);
    expect(
      unnamedSealedFields({
        type: 'RESET_EMAIL_FAILED',
        details: { reason: sealed, error: 'MessageRejected' },
      }),
    ).toEqual(['reason']);
  });

  it('passes sealed text in a named field, and plain values anywhere', () => {
    expect(unnamedSealedFields({ type: 'VERIFICATION_CANCELLED', details: { reason: sealed } })).toEqual([]);
    expect(
      unnamedSealedFields({
        type: 'RESET_LINK_RESENT',
        details: { address: sealed, sentTo: 'FURTHER_ADDRESS' },
      }),
    ).toEqual([]);
    expect(
      unnamedSealedFields({
        type: 'RESET_EMAIL_FAILED',
        details: { reason: 'MessageRejected', nested: { a: 1 } },
      }),
    ).toEqual([]);
  });

  it('is not fooled by a look-alike that is not sealed text', () => {
    const lookAlike = { sealed: 'aes-256-gcm/v1' };
    expect(
      unnamedSealedFields({ type: 'CUSTOMER_CREATED', details: { locale: 'nl', other: lookAlike } }),
    ).toEqual([]);
  });
});
