// What the WebAuthn library costs the login service's and the enrollment page's functions (issue 28):
// the bundles as CDK builds them (the library is a file of its own beside each, cdk/bundling.ts), and
// the CPU of a fresh process's first passkey request against its first TOTP request, interleaved in
// one run against DynamoDB Local. `npx tsx --import ./local/text-loader.mjs bench/passkey-cold.ts [--runs N]`.
import './environment';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { lazyPackageFile } from '../cdk/bundling';
import { passkeyAuthenticationOptions } from '../lib/passkeys/authentication';
import { relyingParty } from '../lib/passkeys/relying-party';
import { passkeyRegistrationOptions, registerPasskey } from '../lib/enrollment/passkey-registration';
import { issueStepUpTicket } from '../lib/enrollment/self-service';
import { functions, type FunctionName } from '../lib/routes';
import { startLocalStack } from '../local/stack';
import { softPasskey } from '../test/support/soft-passkey';
import {
  bundleFunction,
  coldStartEnvironment,
  driverSource,
  runFresh,
  type ProcessTiming,
} from './cold-start';
import { apiEvent, findRoute } from './events';
import { deps, nextCode, writeEnrolledCustomers, writeTicketHolders } from './fixtures';
import { median } from './stats';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const log = (line: string) => process.stderr.write(`${line}\n`);
const run = `pk${Date.now().toString(36)}`;
const service = { caller: { kind: 'service' } } as const;

/** A customer with the app and one passkey, added as the profile page's ADD link adds it. */
const passkeyCustomer = async (customerId: string) => {
  const [app] = await writeEnrolledCustomers([customerId]);
  if (!app) throw new Error('no customer');
  const { ticket } = await issueStepUpTicket(customerId, 'ADD', { stepUpCode: nextCode(app) }, 'bench', deps);
  const rp = relyingParty();
  const at = { origin: rp.origins[0] ?? '', rpId: rp.rpId };
  const key = softPasskey();
  const options = await passkeyRegistrationOptions(ticket, deps);
  await registerPasskey(ticket, key.register({ challenge: options.challenge, ...at }) as never, deps);
  return { app, key, at };
};

type Scenario = { fn: FunctionName; label: string; event: () => Promise<unknown> };

const scenarios = (index: number): Scenario[] => [
  {
    fn: 'loginServiceApi',
    label: 'TOTP verify',
    event: async () => {
      const [app] = await writeEnrolledCustomers([`${run}-totp-${index}`]);
      if (!app) throw new Error('no customer');
      return apiEvent(findRoute('POST', '/internal/customers/{customerId}/2fa/verify'), {
        ...service,
        pathParameters: { customerId: app.customerId },
        body: { code: nextCode(app) },
      });
    },
  },
  {
    fn: 'loginServiceApi',
    label: 'passkey authentication-options',
    event: async () => {
      const { app } = await passkeyCustomer(`${run}-pkopt-${index}`);
      return apiEvent(findRoute('POST', '/internal/customers/{customerId}/passkeys/authentication-options'), {
        ...service,
        pathParameters: { customerId: app.customerId },
        body: {},
      });
    },
  },
  {
    fn: 'loginServiceApi',
    label: 'passkey verify',
    event: async () => {
      const { app, key, at } = await passkeyCustomer(`${run}-pkver-${index}`);
      const options = await passkeyAuthenticationOptions(app.customerId, deps);
      return apiEvent(findRoute('POST', '/internal/customers/{customerId}/passkeys/verify'), {
        ...service,
        pathParameters: { customerId: app.customerId },
        body: { response: key.assert({ challenge: options.challenge, ...at }) },
      });
    },
  },
  {
    fn: 'enrollmentApi',
    label: '/enroll/start {qr: none}',
    event: async () => {
      const [ticket] = await writeTicketHolders([`${run}-start-${index}`]);
      return apiEvent(findRoute('POST', '/enroll/start'), { body: { ticket, qr: 'none' } });
    },
  },
  {
    fn: 'enrollmentApi',
    label: '/enroll/passkey/options',
    event: async () => {
      const [ticket] = await writeTicketHolders([`${run}-pkreg-${index}`]);
      return apiEvent(findRoute('POST', '/enroll/passkey/options'), { body: { ticket } });
    },
  },
];

log(
  `passkey cold starts, ${runs} runs each, load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
const stack = await startLocalStack({
  inMemory: true,
  demoData: false,
  pollStreams: false,
  tablePrefix: `${run}_`,
  log: () => undefined,
});
const dir = await mkdtemp(join(tmpdir(), 'mfa-bench-passkey-'));
try {
  const driver = join(dir, 'driver.cjs');
  await writeFile(driver, driverSource);
  const env = coldStartEnvironment();
  const bundles = {} as Record<'loginServiceApi' | 'enrollmentApi', { outfile: string; bytes: number }>;
  for (const fn of ['loginServiceApi', 'enrollmentApi'] as const) {
    bundles[fn] = await bundleFunction(functions[fn].entry, join(dir, fn));
    const library = join(dir, fn, lazyPackageFile('@simplewebauthn/server'));
    log(
      `${fn}: bundle ${(bundles[fn].bytes / 1024).toFixed(0)} KB; the library beside it ${((await stat(library)).size / 1024).toFixed(0)} KB`,
    );
  }
  // The library's import alone, in a fresh process, from the bundle's directory.
  const probe = join(dir, 'loginServiceApi', 'probe.cjs');
  await writeFile(
    probe,
    `const t=process.cpuUsage();import('@simplewebauthn/server').then(()=>{const c=process.cpuUsage(t);require('fs').writeFileSync(process.argv[2],JSON.stringify({cpuMs:(c.user+c.system)/1000}))});`,
  );
  const timings = new Map<string, ProcessTiming[]>();
  const imports: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    // Alternating the order cancels a drift in the machine's load.
    const order = index % 2 === 0 ? scenarios(index) : scenarios(index).reverse();
    for (const scenario of order) {
      const event = await scenario.event();
      const timing = await runFresh(
        driver,
        bundles[scenario.fn as 'loginServiceApi'].outfile,
        { functionName: scenario.fn, event },
        dir,
        env,
      );
      if (timing.error || (timing.statusCode ?? 200) >= 400)
        throw new Error(`${scenario.label}: ${timing.error ?? timing.statusCode}`);
      const key = `${scenario.fn} ${scenario.label}`;
      timings.set(key, [...(timings.get(key) ?? []), timing]);
    }
    const out = join(dir, `import-${index}.json`);
    execFileSync(process.execPath, [probe, out], { cwd: join(dir, 'loginServiceApi') });
    imports.push(JSON.parse(await readFile(out, 'utf8')).cpuMs);
  }
  for (const [key, list] of timings)
    log(
      `${key}: CPU ${median(list.map((t) => t.cpuMs)).toFixed(0)} ms (runs ${list.map((t) => t.cpuMs.toFixed(0)).join(', ')}); ` +
        `first event ${median(list.map((t) => t.firstEventMs)).toFixed(0)} ms, process start to answer ${median(list.map((t) => t.totalMs)).toFixed(0)} ms`,
    );
  log(
    `the library's import alone: CPU ${median(imports).toFixed(0)} ms (runs ${imports.map((n) => n.toFixed(0)).join(', ')})`,
  );
  log(
    `load average after: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
  await stack.stop();
}
