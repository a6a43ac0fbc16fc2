// The test file's clock moved forward instead of waited for. A jest test file runs in its own context,
// where the local stack's handlers, the token issuer, the OpenID provider and the AWS clients all read
// the same global Date: moving it moves the service's time for this file only, and never backwards.
// Outside processes (DynamoDB Local, the SES server, Chromium, oathtool) keep the real time; nothing
// the tests compare is read from them.

const RealDate = Date;
let offsetMs = 0;

const install = () => {
  if ((globalThis.Date as unknown) !== RealDate) return;
  const shiftedNow = () => RealDate.now() + offsetMs;
  function ShiftedDate(this: unknown, ...args: unknown[]) {
    if (!new.target) return new RealDate(shiftedNow()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [shiftedNow()] : args, new.target);
  }
  ShiftedDate.prototype = RealDate.prototype;
  Object.defineProperties(ShiftedDate, {
    now: { value: shiftedNow, writable: true, configurable: true },
    parse: { value: RealDate.parse, writable: true, configurable: true },
    UTC: { value: RealDate.UTC, writable: true, configurable: true },
  });
  globalThis.Date = ShiftedDate as unknown as DateConstructor;
};

/** Moves this test file's clock `ms` forward (the local stack's too: it runs in the same context). */
export const advanceClock = (ms: number) => {
  if (ms < 0) throw new Error('the clock only moves forward');
  install();
  offsetMs += ms;
};
