// Just enough Markdown for the docs' checks: which files, headings and their GitHub anchors, links, code left out.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** npm scripts and jest both run from the repository's root. */
export const repoRoot = process.cwd();

/** README.md and every page under docs/, as paths relative to the repository. */
export const docFiles = (): string[] => [
  'README.md',
  ...readdirSync(join(repoRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

/** The lines of a Markdown text outside fenced code blocks (code lines become empty, so indexes stay). */
export const proseLines = (text: string): string[] => {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line;
  });
};

/** GitHub's anchor for a heading: the rendered text lower-cased, punctuation dropped, spaces to hyphens. */
export const slug = (heading: string): string =>
  heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .replace(/(^|\s)[*_]+|[*_]+(?=\s|$)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');

export interface Heading {
  line: number;
  text: string;
  anchor: string;
}

/** Every heading with its anchor; a repeated anchor gets -1, -2… as on GitHub. */
export const headings = (text: string): Heading[] => {
  const seen = new Map<string, number>();
  const found: Heading[] = [];
  proseLines(text).forEach((line, index) => {
    const match = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!match?.[1]) return;
    const base = slug(match[1]);
    const times = seen.get(base) ?? 0;
    seen.set(base, times + 1);
    found.push({ line: index, text: match[1], anchor: times === 0 ? base : `${base}-${times}` });
  });
  return found;
};

/** The heading a line sits under (undefined above the first one). */
export const headingOf = (text: string, line: number): Heading | undefined =>
  headings(text)
    .filter((heading) => heading.line <= line)
    .at(-1);

export interface Link {
  line: number;
  target: string;
}

/** Inline links and images `[text](target)` in prose, inline code left out. */
export const links = (text: string): Link[] =>
  proseLines(text).flatMap((line, index) =>
    [...line.replace(/`[^`]*`/g, '').matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => ({
      line: index,
      target: match[1] ?? '',
    })),
  );
