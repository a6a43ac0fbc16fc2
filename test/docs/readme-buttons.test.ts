// The README's five-minute walk follows a console that speaks the browser's language: every console
// button it names in Dutch carries the English one beside it, as the console says them (issue 24).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/docs/markdown';
import { messages } from '../../web/console/messages';

const walk = () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('### The whole procedure in five minutes');
  const end = readme.indexOf('\n#', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
};

/** The console's English for a Dutch text, when that Dutch text is one of the console's words. */
const englishOf = (dutch: string) => {
  const key = Object.entries(messages.nl).find(([, text]) => text === dutch)?.[0];
  return key === undefined ? undefined : (messages.en as Record<string, string>)[key];
};

describe('the README’s five-minute walk', () => {
  it('names each console button in Dutch with its English in brackets, both as the console words them', () => {
    const text = walk().replace(/\s+/g, ' ');
    const named = [...text.matchAll(/\*\*([^*]+)\*\*( \(\*\*([^*]+)\*\*\))?/g)].flatMap((match) => {
      const english = englishOf(match[1] ?? '');
      return english === undefined ? [] : [{ dutch: match[1], english, written: match[3] }];
    });
    expect(named.length).toBeGreaterThanOrEqual(4);
    expect(named.filter(({ english, written }) => written !== english)).toEqual([]);
  });
});
