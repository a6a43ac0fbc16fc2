// How big the load, fault and fuzz tests run: short in `npm test`, full with `npm run test:load`
// (TEST_LOAD=full), so the same tests prove the same properties at both sizes.
export const fullRun = process.env.TEST_LOAD === 'full';

/** `short` in the default run, `full` under `npm run test:load`. */
export const scaled = (short: number, full: number) => (fullRun ? full : short);

/** Runs `work` for every item with at most `concurrency` in flight, in the order given. */
export const inFlight = async <T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>) => {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
};

/** A deterministic shuffle (mulberry32), so a failing order can be run again. */
export const shuffled = <T>(items: T[], seed = 20261125): T[] => {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
};
