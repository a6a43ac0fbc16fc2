// How every Lambda is bundled: one definition read by the CDK stack (NodejsFunction) and by the bench,
// which builds the very same bundles to measure cold starts, so the two cannot drift apart.
import type { BuildOptions } from 'esbuild';

/** The settings, as plain data. NodejsFunction turns them into esbuild CLI flags; esbuildOptions() below does the same. */
export const lambdaBundling = {
  minify: true,
  sourceMap: true,
  // Stack frames need the mappings, not a copy of every source: the map shrinks from about 3 MB to 1 MB.
  sourcesContent: false,
  target: 'node22',
  format: 'cjs',
  // The SDK is bundled, not taken from the runtime: the version we test is the version we run.
  externalModules: [] as string[],
  // Email templates are imported as text (lib/notify/templates).
  loader: { '.html': 'text', '.txt': 'text' } as Record<string, 'text'>,
} as const;

/**
 * The esbuild options NodejsFunction passes for lambdaBundling (aws-lambda-nodejs Bundling: `--bundle
 * --target --platform=node --format --outfile --minify --sourcemap --external:… --loader:…`), for
 * building a function's bundle outside CDK. esbuild finds tsconfig.json next to the entry either way.
 */
export const esbuildOptions = (entry: string, outfile: string): BuildOptions => ({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  target: lambdaBundling.target,
  format: lambdaBundling.format,
  outfile,
  minify: lambdaBundling.minify,
  sourcemap: lambdaBundling.sourceMap,
  sourcesContent: lambdaBundling.sourcesContent,
  external: [...lambdaBundling.externalModules],
  loader: { ...lambdaBundling.loader },
  logLevel: 'warning',
});

/**
 * NODE_OPTIONS of every function. No --enable-source-maps: it parses the whole map at each cold start;
 * lib/observability/stack-trace.ts maps the stack of an unexpected error when one is logged instead.
 */
export const lambdaNodeOptions: string = '';
