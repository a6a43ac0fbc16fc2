import { build } from 'esbuild';
import { esbuildOptions } from './cdk/bundling';
const [entry, label, filter] = process.argv.slice(2);
void (async () => {
  const r = await build({ ...esbuildOptions(entry, `/tmp/meta-${label}/index.js`), metafile: true });
  const out = Object.values(r.metafile!.outputs).find((o) => o.entryPoint)!;
  const rows = Object.entries(out.inputs).filter(([p]) => p.includes(filter)).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
  for (const [p, { bytesInOutput }] of rows.slice(0, 60)) console.log((bytesInOutput / 1024).toFixed(1).padStart(7), p);
})();
