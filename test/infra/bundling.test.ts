// What a cold start loads, read off the bundles the stack deploys (cdk/bundling.ts): the health check
// nothing but its answer, and the passkey library only on a passkey request, from a file of its own.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { awsClientsOf } from '../../bench/floor-entry';
import { buildFunction, esbuildOptions, lazyPackageFile } from '../../cdk/bundling';
import { functions } from '../../lib/routes';
import { repoRoot } from '../../tooling/repo-root';
import { bundleScratch } from '../support/scratch-bundle';

const root = repoRoot();
const passkeyLibrary = '@simplewebauthn/server';

const inputsOf = async (entry: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-inputs-'));
  const { metafile } = await build({
    ...esbuildOptions(join(root, entry), join(dir, 'index.js')),
    metafile: true,
    write: false,
  });
  return Object.keys(metafile.inputs).map((input) => relative(root, join(root, input)));
};

/** The modules whose code is in the bundle (esbuild lists the ones tree-shaking left empty as inputs too). */
const bundledOf = async (entry: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-bytes-'));
  const { metafile } = await build({
    ...esbuildOptions(join(root, entry), join(dir, 'index.js')),
    metafile: true,
    write: false,
  });
  return Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => relative(root, join(root, input))),
  );
};

describe('the function bundles', () => {
  it('give the health check nothing but its answer: no middy, no config, no logger, no AWS client', async () => {
    expect((await inputsOf(functions.health.entry)).sort()).toEqual([
      'functions/health.ts',
      'lib/http/responses.ts',
    ]);
  });

  it.each(Object.keys(functions) as (keyof typeof functions)[])(
    '%s: no Powertools module (the logger and the EMF lines are lib/observability and lib/business-metrics)',
    async (name) => {
      const inputs = await inputsOf(functions[name].entry);
      expect(inputs.filter((input) => input.includes('@aws-lambda-powertools'))).toEqual([]);
    },
  );

  it.each(['loginServiceApi', 'enrollmentApi'] as const)(
    '%s: the passkey library is no part of the bundle; a passkey request loads it from beside it',
    async (name) => {
      const inputs = await inputsOf(functions[name].entry);
      expect(inputs.filter((input) => /simplewebauthn|@peculiar|asn1js/.test(input))).toEqual([]);
      // Built as the stack builds it, in a directory with no node_modules above it but the bundle's own.
      const dir = mkdtempSync(join(tmpdir(), `bundle-${name}-`));
      const { outfile, lazyPackages } = await buildFunction(join(root, functions[name].entry), dir);
      expect(lazyPackages).toEqual([passkeyLibrary]);
      expect(readFileSync(outfile, 'utf8')).toContain(`import("${passkeyLibrary}")`);
      expect(existsSync(join(dir, lazyPackageFile(passkeyLibrary)))).toBe(true);
      // What lib/passkeys/relying-party.ts does on the first passkey request, from the bundle's directory.
      const probe = join(dir, 'probe.cjs');
      writeFileSync(
        probe,
        `import(${JSON.stringify(passkeyLibrary)}).then((lib) => process.stdout.write(typeof lib.verifyRegistrationResponse));`,
      );
      expect(execFileSync(process.execPath, [probe], { cwd: dir, encoding: 'utf8' })).toBe('function');
    },
  );

  it.each(Object.keys(functions) as (keyof typeof functions)[])(
    "%s: schemas on zod/mini, never zod's classic API with every locale (about 450 KB)",
    async (name) => {
      const zod = (await bundledOf(functions[name].entry)).filter((input) =>
        input.includes('node_modules/zod/'),
      );
      expect(zod.filter((input) => /zod\/v4\/(classic|locales\/(?!en\.|index\.))/.test(input))).toEqual([]);
    },
  );

  it.each(Object.keys(functions) as (keyof typeof functions)[])(
    "%s: the environment's credentials in place of the SDK's default chain (its profiles, SSO, STS)",
    async (name) => {
      const bundled = await bundledOf(functions[name].entry);
      expect(
        bundled.filter((input) =>
          /@aws-sdk\/(credential-provider-(?!env\/)|nested-clients|token-providers)/.test(input),
        ),
      ).toEqual([]);
      if (bundled.some((input) => input.includes('node_modules/@aws-sdk/client-')))
        expect(bundled).toContain('lib/aws/lambda-credentials.ts');
    },
  );

  it.each(Object.keys(functions) as (keyof typeof functions)[])(
    '%s: no AWS client its grants do not use (a lazy import() left in by a module-level call bundles one)',
    async (name) => {
      const clients = new Set(
        (await bundledOf(functions[name].entry)).flatMap(
          (input) => /node_modules\/@aws-sdk\/client-([a-z0-9-]+)\//.exec(input)?.[1] ?? [],
        ),
      );
      expect([...clients].filter((client) => !awsClientsOf(name).has(client))).toEqual([]);
    },
  );

  it.each(Object.keys(functions) as (keyof typeof functions)[])(
    '%s: no browser user-agent parser (bowser), which the SDK loads only in a browser',
    async (name) => {
      const bundled = await bundledOf(functions[name].entry);
      expect(bundled.filter((input) => input.includes('node_modules/bowser/'))).toEqual([]);
      if (bundled.some((input) => input.includes('node_modules/@aws-sdk/client-')))
        expect(bundled).toContain('lib/aws/no-browser-user-agent.ts');
    },
  );

  it.each(Object.keys(functions) as (keyof typeof functions)[])(
    '%s: none of our modules imports node:async_hooks (AsyncLocalStorage hooks every promise of every request)',
    async (name) => {
      const dir = mkdtempSync(join(tmpdir(), 'bundle-imports-'));
      const { metafile } = await build({
        ...esbuildOptions(join(root, functions[name].entry), join(dir, 'index.js')),
        metafile: true,
        write: false,
      });
      const ours = Object.entries(metafile.inputs).filter(([input]) => /^(lib|functions)\//.test(input));
      expect(ours.length).toBeGreaterThan(0);
      expect(
        ours.filter(([, { imports }]) => imports.some((imported) => imported.path === 'node:async_hooks')),
      ).toEqual([]);
    },
  );

  it("describes Node in a bundled client's user agent, as the SDK does without the parser's stand-in", async () => {
    const { outfile } = await bundleScratch('bundle-user-agent', [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      'const client = new DynamoDBClient({ region: "eu-west-1" });',
      'client.config.defaultUserAgentProvider().then((sections) => process.stdout.write(JSON.stringify(sections)));',
    ]);
    const sections = JSON.parse(
      execFileSync(process.execPath, [outfile], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' }),
    ) as [string, string?][];
    const names = sections.map(([name]) => name);
    expect(names).toContain('lang/js');
    expect(names).toContain('md/nodejs');
    expect(names.filter((name) => name.startsWith('md/browser'))).toEqual([]);
    expect(readFileSync(outfile, 'utf8')).not.toContain('Yandex Browser'); // one of bowser's browsers
  });

  it('signs with the credentials Lambda puts in the environment, and without them refuses at once', async () => {
    const { dir, outfile } = await bundleScratch('bundle-credentials', [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      'const client = new DynamoDBClient({ region: "eu-west-1" });',
      'client.config.credentials().then(',
      '  (credentials) => process.stdout.write(JSON.stringify(credentials)),',
      '  (error) => process.stdout.write(JSON.stringify({ error: String(error.message) })),',
      ');',
    ]);
    const run = (env: Record<string, string>) =>
      JSON.parse(
        execFileSync(process.execPath, [outfile], {
          env: { PATH: process.env.PATH ?? '', ...env },
          encoding: 'utf8',
        }),
      ) as Record<string, unknown>;
    expect(
      run({ AWS_ACCESS_KEY_ID: 'ASIAROLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' }),
    ).toMatchObject({ accessKeyId: 'ASIAROLE', secretAccessKey: 'secret', sessionToken: 'token' });
    // The default chain would go on to ~/.aws, SSO and the instance metadata endpoint; this says why it failed.
    expect(run({ HOME: dir })).toEqual({ error: 'Unable to find environment variable credentials.' });
  });

  it('give a function that never imports the passkey library no copy of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-admin-'));
    const { lazyPackages } = await buildFunction(join(root, functions.adminApi.entry), dir);
    expect(lazyPackages).toEqual([]);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  });
});
