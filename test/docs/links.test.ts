// A reader who follows a link in README.md or docs/ arrives: every relative link names a file that
// exists and, for a page, a heading it has; every source path the docs name in backticks exists.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { docFiles, headings, links, proseLines, repoRoot, slug } from '../../scripts/docs/markdown';

const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8');

/** The broken relative links of one doc, as `line: target (why)`. */
const brokenLinks = (file: string, text: string, readDoc: (file: string) => string = read): string[] =>
  links(text).flatMap(({ line, target }) => {
    if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(target)) return []; // another site: not ours to check
    const [path = '', anchor] = target.split('#');
    const targetFile = path === '' ? file : normalize(join(dirname(file), decodeURI(path)));
    const where = `${file}:${line + 1}: ${target}`;
    if (path !== '' && (targetFile.startsWith('..') || !existsSync(join(repoRoot, targetFile))))
      return [`${where} (no such file)`];
    if (anchor === undefined || anchor === '' || !targetFile.endsWith('.md')) return [];
    const anchors = headings(path === '' ? text : readDoc(targetFile)).map((heading) => heading.anchor);
    return anchors.includes(anchor) ? [] : [`${where} (no such heading)`];
  });

/** Written by a run, not kept in the repository. */
const runOutputs = new Set(['bench/results.json']);

const sourcePath =
  /`((?:cdk|functions|lib|scripts|web|test|clients|docs|bench|local|ops|auditor)\/[\w./-]*)`/g;

describe('links in README.md and docs/', () => {
  it('anchors follow GitHub: lower case, punctuation dropped, spaces to hyphens', () => {
    expect(slug('Triage: what the agent asks first (the manual\'s "Probleem Herkenning")')).toBe(
      'triage-what-the-agent-asks-first-the-manuals-probleem-herkenning',
    );
    expect(slug('Privacy (AVG/GDPR)')).toBe('privacy-avggdpr');
    expect(slug('Dead letters (`DeadLetters*`)')).toBe('dead-letters-deadletters');
    expect(slug('`audit query`')).toBe('audit-query');
    expect(slug('The "2FA was reset" email (step 3 begins)')).toBe('the-2fa-was-reset-email-step-3-begins');
    expect(headings('# A\n\n```\n# not a heading\n```\n\n## A\n').map((heading) => heading.anchor)).toEqual([
      'a',
      'a-1',
    ]);
  });

  it('finds a missing page, a missing heading and a missing anchor on the same page', () => {
    const text = '# Here\n\n[a](nope.md) [b](api.md#no-such-heading) [c](#nowhere) [d](#here) `[e](x.md)`\n';
    expect(brokenLinks('docs/example.md', text)).toEqual([
      'docs/example.md:3: nope.md (no such file)',
      'docs/example.md:3: api.md#no-such-heading (no such heading)',
      'docs/example.md:3: #nowhere (no such heading)',
    ]);
  });

  it.each(docFiles())('every relative link and anchor in %s resolves', (file) => {
    expect(brokenLinks(file, read(file))).toEqual([]);
  });

  it.each(docFiles())('every source path %s names in backticks exists', (file) => {
    const named = proseLines(read(file))
      .flatMap((line) => [...line.matchAll(sourcePath)].map((match) => match[1] ?? ''))
      .filter((path) => !runOutputs.has(path));
    expect(named.filter((path) => !existsSync(join(repoRoot, path)))).toEqual([]);
  });
});
