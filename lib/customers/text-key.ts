// The customer's audit-text key on their Customers item: made the first time staff text about them is
// sealed, and gone with the record when the customer is erased (the tombstone has no key).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, isConditionalCheckFailed, tableName, type TransactItem } from '../aws/dynamodb';
import type { Random } from '../clock';
import { newTextKey, openTextKey, sealText, type SealedText, type TextKey } from '../audit/sealed-text';
import type { CustomerItem } from './customer';
import { getCustomer, requireCustomer } from './store';

/**
 * A sealer for this customer's free text. Written before the audited change, outside its transaction and
 * without a version bump: setting a key the record lacks changes nothing any other writer decides on.
 */
export const textSealerFor = async (
  customerId: string,
  deps: { random: Random },
): Promise<(text: string) => SealedText> => {
  const customer = await requireCustomer(customerId, true);
  let key: Buffer;
  const stored = customer.textKey;
  if (stored) key = await openTextKey(stored, customerId);
  else {
    const fresh = await newTextKey(customerId, deps);
    try {
      await dynamoDb().send(
        new UpdateCommand({
          TableName: tableName('customers'),
          Key: { customerId },
          UpdateExpression: 'SET textKey = :key',
          ConditionExpression:
            'attribute_exists(customerId) AND attribute_not_exists(textKey) AND attribute_not_exists(erasedAt)',
          ExpressionAttributeValues: { ':key': fresh.stored },
        }),
      );
      key = fresh.plaintext;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // A parallel request stored its key first (or the customer was erased meanwhile): use what is there.
      fresh.plaintext.fill(0);
      return textSealerFor(customerId, deps);
    }
  }
  return (text) => sealText(text, key, customerId, deps.random);
};

/**
 * A sealer from a customer the caller has just read, for a change that writes the customer anyway: no
 * read of its own. A customer without a key gets a fresh one in `newKey`, which the caller stores in
 * its own transaction (`textKeyCondition` on the customer's write, or `storeTextKey`), so the text it
 * seals and the key that opens it commit together or not at all.
 */
export const textSealerOf = async (
  customer: Pick<CustomerItem, 'customerId' | 'textKey'>,
  deps: { random: Random },
): Promise<{ seal: (text: string) => SealedText; newKey?: TextKey }> => {
  const { customerId } = customer;
  if (customer.textKey) {
    const key = await openTextKey(customer.textKey, customerId);
    return { seal: (text) => sealText(text, key, customerId, deps.random) };
  }
  const fresh = await newTextKey(customerId, deps);
  return { seal: (text) => sealText(text, fresh.plaintext, customerId, deps.random), newKey: fresh.stored };
};

/** Added to a customer write that stores a fresh key: a key stored meanwhile (a parallel note) wins, and this write fails. */
export const textKeyCondition = 'attribute_not_exists(textKey)';

/** Stores a fresh key in a transaction that writes no other attribute of the customer. */
export const storeTextKey = (customerId: string, key: TextKey): TransactItem => ({
  Update: {
    TableName: tableName('customers'),
    Key: { customerId },
    UpdateExpression: 'SET textKey = :key',
    ConditionExpression: `attribute_exists(customerId) AND ${textKeyCondition} AND attribute_not_exists(erasedAt)`,
    ExpressionAttributeValues: { ':key': key },
  },
});

/** Key access for `audit query`: the customer's audit-text key, or undefined for an erased or unknown id. */
export const textKeyOf = async (customerId: string): Promise<Buffer | undefined> => {
  const customer = await getCustomer(customerId, true);
  return customer?.textKey ? openTextKey(customer.textKey, customerId) : undefined;
};
