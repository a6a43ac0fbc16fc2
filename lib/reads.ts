// Independent reads sent together: one round trip instead of one each. The refusal is the one the
// reads would have given one after another (the first failure in the order given), never a race.
export const readTogether = async <T extends unknown[]>(
  ...reads: { [K in keyof T]: Promise<T[K]> }
): Promise<T> => {
  const settled = await Promise.allSettled(reads);
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as T;
};
