// How every Lambda is bundled: one definition read by the CDK stack (NodejsFunction) and by the bench,
// which builds the very same bundles to measure cold starts, so the two cannot drift apart.
import { build, type BuildOptions } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../tooling/repo-root';

/**
 * Packages only some requests need, which the code loads with `import()`: each is left out of the
 * function's bundle and bundled into a file of its own, `node_modules/<name>/index.js` beside it, where
 * node finds it on the first request that imports it. A cold start then neither reads nor compiles it:
 * the passkey library (@simplewebauthn/server and its ASN.1 and X.509 code) is 450 KB, a third of the
 * login and enrollment bundles, and only the passkey routes load it. A bundle that never imports a
 * package gets no file for it.
 */
export const lazyPackages = ['@simplewebauthn/server'] as const;

/** The settings, as plain data. NodejsFunction turns them into esbuild CLI flags; esbuildOptions() below does the same. */
export const lambdaBundling = {
  minify: true,
  sourceMap: true,
  // Stack frames need the mappings, not a copy of every source: the map shrinks from about 3 MB to 1 MB.
  sourcesContent: false,
  target: 'node22',
  format: 'cjs',
  // The SDK is bundled, not taken from the runtime: the version we test is the version we run.
  externalModules: [...lazyPackages] as string[],
  // Email templates are imported as text (lib/notify/templates).
  loader: { '.html': 'text', '.txt': 'text' } as Record<string, 'text'>,
  // The SDK's default credential chain, replaced by the environment's credentials that Lambda gives
  // (lib/aws/lambda-credentials.ts says why), and the browser user-agent parser the SDK never loads in
  // Node (lib/aws/no-browser-user-agent.ts). Paths are the repository root's, where esbuild runs.
  alias: {
    '@aws-sdk/credential-provider-node': './lib/aws/lambda-credentials.ts',
    bowser: './lib/aws/no-browser-user-agent.ts',
  } as Record<string, string>,
} as const;

/**
 * Where a bundle's AWS clients take their credentials from: `environment`, as every function is deployed
 * (lambdaBundling.alias, the browser parser's stand-in with it); `sdkDefault`, the SDK as it ships, for
 * the bench's floor of a plain client.
 */
export type Credentials = 'environment' | 'sdkDefault';

/**
 * The esbuild options NodejsFunction passes for lambdaBundling (aws-lambda-nodejs Bundling: `--bundle
 * --target --platform=node --format --outfile --minify --sourcemap --external:… --loader:… --alias:…`), for
 * building a function's bundle outside CDK. esbuild finds tsconfig.json next to the entry either way.
 */
export const esbuildOptions = (
  entry: string,
  outfile: string,
  credentials: Credentials = 'environment',
): BuildOptions => ({
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
  alias:
    credentials === 'environment'
      ? Object.fromEntries(
          Object.entries(lambdaBundling.alias).map(([name, path]) => [name, join(repoRoot(), path)]),
        )
      : {},
  logLevel: 'warning',
});

/** Where a function's bundle keeps a lazy package, relative to the bundle's directory. */
export const lazyPackageFile = (name: string) => join('node_modules', name, 'index.js');

/** The import a bundle keeps of a package left out of it (esbuild writes `import("<name>")`). */
const importsPackage = (bundle: string, name: string) => bundle.includes(`"${name}"`);

/**
 * The shell commands NodejsFunction runs after bundling a function (commandHooks.afterBundling, in the
 * project root, with the esbuild CDK itself runs): the lazy packages its bundle imports, each built
 * with the function's own settings.
 */
export const lazyPackageCommands = (outputDir: string): string[] =>
  lazyPackages.map(
    (name) =>
      `grep -qF '"${name}"' "${outputDir}/index.js" || exit 0; ` +
      `npx --no-install esbuild ${name} --bundle --platform=node --target=${lambdaBundling.target} ` +
      `--format=${lambdaBundling.format} ${lambdaBundling.minify ? '--minify ' : ''}` +
      `${lambdaBundling.sourceMap ? `--sourcemap --sources-content=${String(lambdaBundling.sourcesContent)} ` : ''}` +
      `--log-level=warning --outfile="${join(outputDir, lazyPackageFile(name))}"`,
  );

/** Builds a function as the stack does (bundle, then the lazy packages it imports), outside CDK. */
export const buildFunction = async (
  entry: string,
  outDir: string,
  credentials: Credentials = 'environment',
) => {
  const outfile = join(outDir, 'index.js');
  await build(esbuildOptions(entry, outfile, credentials));
  const bundle = await readFile(outfile, 'utf8');
  const lazy = lazyPackages.filter((name) => importsPackage(bundle, name));
  for (const name of lazy)
    await build({
      entryPoints: [name],
      bundle: true,
      platform: 'node',
      target: lambdaBundling.target,
      format: lambdaBundling.format,
      outfile: join(outDir, lazyPackageFile(name)),
      minify: lambdaBundling.minify,
      sourcemap: lambdaBundling.sourceMap,
      sourcesContent: lambdaBundling.sourcesContent,
      logLevel: 'warning',
    });
  return { outfile, lazyPackages: lazy };
};

/**
 * NODE_OPTIONS of every function. No --enable-source-maps: it parses the whole map at each cold start;
 * lib/observability/stack-trace.ts maps the stack of an unexpected error when one is logged instead.
 */
export const lambdaNodeOptions: string = '';
