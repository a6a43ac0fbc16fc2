// Spending a TOTP time step: the one write that keeps the replay invariant, for login and for the
// enrollment page's answer to a code from the app entry being replaced. A spent step logs in nowhere.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb, isConditionalCheckFailed, tableName } from '../aws/dynamodb';
import type { SealedSecret } from '../secrets/sealed-secret';

/** What a caller writes in the same UpdateItem, and the condition it adds to the invariant's. */
export interface WrittenWithStep {
  /** SET clauses after the step's own (login: the success that ends a run of failures). */
  set?: string;
  /** A whole REMOVE clause. */
  remove?: string;
  condition?: string;
  values?: Record<string, unknown>;
}

/**
 * Stores `step` as the last one used, for the secret the code was judged against. The invariant, stated
 * once: the stored step only moves forward (a replayed or older step is refused), and only for this very
 * secret (a step judged against a secret that a confirm replaced meanwhile is refused). Answers false when
 * the write was refused, by the invariant or the caller's own condition; the caller decides what a lost
 * race means (login judges again, the enrollment page has nothing left to spend).
 */
export const spendTotpStep = async (
  customerId: string,
  secret: SealedSecret,
  step: number,
  along: WrittenWithStep = {},
): Promise<boolean> => {
  const invariant =
    'totpSecret.iv = :judgedSecretIv AND (attribute_not_exists(totpLastUsedStep) OR totpLastUsedStep < :step)';
  try {
    await dynamoDb().send(
      new UpdateCommand({
        TableName: tableName('customers'),
        Key: { customerId },
        UpdateExpression: [
          `SET totpLastUsedStep = :step, ${along.set ? `${along.set}, ` : ''}version = version + :one`,
          along.remove ?? '',
        ].join(' '),
        ConditionExpression: along.condition ? `${along.condition} AND ${invariant}` : invariant,
        ExpressionAttributeValues: {
          ...along.values,
          ':step': step,
          ':one': 1,
          ':judgedSecretIv': secret.iv,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
};
