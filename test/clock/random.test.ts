// Ids come from a pool of CSPRNG bytes (lib/clock.ts): still unique, ordered by time, every character
// uniform, and the pool refills with fresh bytes rather than repeating itself.
import { pooledRandomFraction, systemRandom } from '../../lib/clock';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('systemRandom.ulid', () => {
  it('gives 50,000 distinct ids, sorted as their times are, in the same millisecond too', () => {
    const at = new Date('2026-12-07T21:00:00Z');
    const ids = Array.from({ length: 50_000 }, (_, index) =>
      systemRandom.ulid(new Date(at.getTime() + Math.floor(index / 10))),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('draws each random character uniformly from the 32 (chi-square far below a one-in-a-million bound)', () => {
    const counts = new Map<string, number>();
    // Later than any id before (the factory is monotonic) and a new millisecond each time, so no
    // character is an increment of the previous id's.
    const start = Date.parse('2030-01-01T00:00:00Z');
    const ids = 20_000;
    for (let index = 0; index < ids; index++)
      for (const character of systemRandom.ulid(new Date(start + index)).slice(10))
        counts.set(character, (counts.get(character) ?? 0) + 1);
    expect([...counts.keys()].sort().join('')).toBe(CROCKFORD);
    const expected = (ids * 16) / 32;
    const chiSquare = [...counts.values()].reduce((sum, seen) => sum + (seen - expected) ** 2 / expected, 0);
    // 31 degrees of freedom: P(chi² > 80) is about 3e-6.
    expect(chiSquare).toBeLessThan(80);
  });

  it('refills the pool with new bytes: the draws after 4,096 are not the first 4,096 again', () => {
    const draws = Array.from({ length: 3 * 4096 }, () => pooledRandomFraction());
    expect(draws.filter((value) => !(value >= 0 && value < 1 && Number.isInteger(value * 256)))).toEqual([]);
    const first = draws.slice(0, 4096).join(',');
    expect(draws.slice(4096, 8192).join(',')).not.toBe(first);
    expect(draws.slice(8192).join(',')).not.toBe(first);
  });
});
