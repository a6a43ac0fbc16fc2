// Transforms TypeScript and ESM-only dependencies (middy) to CommonJS for jest, with esbuild,
// and turns imported .html/.txt templates into strings the way the Lambda bundles do.
const { transformSync } = require('esbuild');
const { createHash } = require('node:crypto');

module.exports = {
  getCacheKey(source, path) {
    return createHash('sha256').update('v2').update(path).update(source).digest('hex');
  },
  process(source, path) {
    if (/\.(html|txt)$/.test(path)) {
      return { code: `module.exports = ${JSON.stringify(source)};` };
    }
    const loader = path.endsWith('.ts') ? 'ts' : 'js';
    const result = transformSync(source, {
      loader,
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: path,
      supported: { 'dynamic-import': false },
    });
    return { code: result.code };
  },
};
