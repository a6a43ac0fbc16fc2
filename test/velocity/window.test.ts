// The velocity window at its edges: which hour items hold the last 60 minutes, and what counts in them.
import { countInWindow, expiryOf, windowItemIds } from '../../lib/velocity/window';

const at = (iso: string) => new Date(iso);
const ms = (iso: string) => at(iso).getTime();

describe('the velocity window', () => {
  it('reads the current and the previous clock hour, which together hold any 60 minutes up to now', () => {
    expect(
      windowItemIds({ kind: 'ADMIN_DISABLES', staffId: 'admin-a' }, at('2026-12-06T23:00:00.000Z')),
    ).toEqual({
      current: 'ADMIN_DISABLES#admin-a#2026-12-06T23',
      previous: 'ADMIN_DISABLES#admin-a#2026-12-06T22',
    });
    expect(windowItemIds({ kind: 'ALL_DISABLES' }, at('2026-12-07T00:59:59.999Z'))).toEqual({
      current: 'ALL_DISABLES#2026-12-07T00',
      previous: 'ALL_DISABLES#2026-12-06T23',
    });
  });

  it('counts an act for exactly 60 minutes: still at 59:59.999, no longer at 60:00', () => {
    const times = [ms('2026-12-06T22:30:00.000Z')];
    expect(countInWindow(times, at('2026-12-06T23:29:59.999Z'))).toBe(1);
    expect(countInWindow(times, at('2026-12-06T23:30:00.000Z'))).toBe(0);
  });

  it('holds "at most N in any 60 minutes" across the hour edge, where a fixed hourly bucket lets 2N through', () => {
    // Three acts just before 23:00 fill the window: three more just after it still count them.
    const times = ['22:59:58', '22:59:59', '22:59:59.5'].map((time) => ms(`2026-12-06T${time}Z`));
    expect(countInWindow(times, at('2026-12-06T23:00:01Z'))).toBe(3);
    expect(countInWindow(times, at('2026-12-06T23:59:58.001Z'))).toBe(2);
  });

  it('counts an act stamped a moment after now (another container’s clock ahead): skew only makes it stricter', () => {
    expect(countInWindow([ms('2026-12-06T23:00:01Z')], at('2026-12-06T23:00:00Z'))).toBe(1);
  });

  it('keeps an hour item two hours past its hour, one more than the window reads it', () => {
    expect(expiryOf(at('2026-12-06T22:10:00Z'))).toBe(ms('2026-12-07T01:00:00Z') / 1000);
  });
});
