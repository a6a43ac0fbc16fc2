// One customer per id whatever its case: each id claims its lower-case form in CustomerSearch, so a
// sync of "ABC" beside an existing or erased "abc" is refused rather than making a second customer
// (a login service whose ids ignore case would otherwise reach two records, or bring an erased id back).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';

/** Claims live under their own partition, which no search term can have (terms are letters and digits). */
const ID_PREFIX = 'id#';

const idClaimKey = (customerId: string) => ({ prefix: ID_PREFIX, term: customerId.toLowerCase() });

/** The id that holds this id's case-folded form, if any (it may be this very id). */
export const idClaimHolder = async (customerId: string): Promise<string | undefined> => {
  const result = await dynamoDb().send(
    new GetCommand({
      TableName: tableName('customerSearch'),
      Key: idClaimKey(customerId),
      ConsistentRead: true,
    }),
  );
  const holder: unknown = result.Item?.customerId;
  return typeof holder === 'string' ? holder : undefined;
};

/** A new id's claim: the transaction fails if another id of the same letters claimed them first. */
export const claimId = (customerId: string): TransactItem => ({
  Put: {
    TableName: tableName('customerSearch'),
    Item: { ...idClaimKey(customerId), customerId },
    ConditionExpression: 'attribute_not_exists(prefix)',
  },
});

/**
 * Erasure keeps the claim (it holds the id only, as the tombstone does), and sets it for an id synced
 * before claims existed, so no other case of an erased id is ever synced.
 */
export const keepIdClaim = (customerId: string): TransactItem => ({
  Put: { TableName: tableName('customerSearch'), Item: { ...idClaimKey(customerId), customerId } },
});
