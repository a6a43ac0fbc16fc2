// Stack traces of unexpected errors, mapped to the TypeScript sources only when one is logged. Node's
// --enable-source-maps would instead parse the bundle's whole source map at every cold start (about
// 20 ms of CPU for a 3 MB map, measured with `npm run bench -- --only cold --source-map-cost`).
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

const maps = new Map<string, SourceMap | undefined>();

const sourceMapOf = (file: string): SourceMap | undefined => {
  if (!maps.has(file)) {
    let map: SourceMap | undefined;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      // No map beside the file (tsx or jest run the sources themselves): the frame stays as it is.
      map = undefined;
    }
    maps.set(file, map);
  }
  return maps.get(file);
};

/** `    at fn (/var/task/index.js:3:1234)` or `    at /var/task/index.js:3:1234`. */
const FRAME = /^(\s+at (?:.*? \()?)(\/[^():]+\.c?js):(\d+):(\d+)(\)?)$/;

export const sourceMappedStack = (error: Error): string | undefined =>
  error.stack
    ?.split('\n')
    .map((line) => {
      const frame = FRAME.exec(line);
      if (!frame) return line;
      const [, head, file, row, column, tail] = frame as unknown as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const entry = sourceMapOf(file)?.findEntry(Number(row) - 1, Number(column) - 1);
      if (!entry || !('originalSource' in entry) || !entry.originalSource) return line;
      return `${head}${entry.originalSource}:${entry.originalLine + 1}:${entry.originalColumn + 1}${tail}`;
    })
    .join('\n');
