// Node module hook: `import text from './x.html'` yields the file's text, as esbuild's text loader
// does in the Lambda bundles and the jest transform does in tests.
import { readFile } from 'node:fs/promises';

export async function load(url, context, nextLoad) {
  if (/\.(html|txt)$/.test(new URL(url).pathname)) {
    const source = await readFile(new URL(url), 'utf8');
    return { format: 'module', source: `export default ${JSON.stringify(source)};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
