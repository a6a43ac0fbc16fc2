// The test files' moved clock (shifted-clock.ts): what the local stack reads moves, what was made
// before stays, and nothing else about dates changes.
import { advanceClock } from './shifted-clock';

describe('advanceClock', () => {
  it('moves Date.now and new Date() forward by the amount, and only forward', () => {
    const before = Date.now();
    const made = new Date(before);
    advanceClock(90_000);
    const now = Date.now();
    expect(now - before).toBeGreaterThanOrEqual(90_000);
    expect(now - before).toBeLessThan(90_000 + 5_000);
    expect(new Date().getTime() - before).toBeGreaterThanOrEqual(90_000);
    expect(made.getTime()).toBe(before);
    expect(() => advanceClock(-1)).toThrow('only moves forward');
    advanceClock(1_000);
    expect(Date.now() - now).toBeGreaterThanOrEqual(1_000);
  });

  it('leaves dates made from a value, parsing, instanceof and Date() as a function as they were', () => {
    advanceClock(30_000);
    expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(new Date('2026-12-07T10:00:00Z').getTime()).toBe(Date.UTC(2026, 11, 7, 10));
    expect(Date.parse('2026-12-07T10:00:00Z')).toBe(Date.UTC(2026, 11, 7, 10));
    expect(new Date()).toBeInstanceOf(Date);
    expect(new Date() instanceof Date).toBe(true);
    expect(typeof Date()).toBe('string');
    class Later extends Date {}
    expect(new Later(5).getTime()).toBe(5);
    expect(new Later()).toBeInstanceOf(Later);
  });
});
