// The local stack in one process tree: DynamoDB Local, the SES server, the tables, the API with its
// local token issuer and OpenID provider (the console's sign-in), and the stream poller. Used by `npm start`, the tests and the bench.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDynamoDb } from '../lib/aws/dynamodb';
import { closeSes } from '../lib/aws/ses';
import { closeEventBridge } from '../lib/aws/eventbridge';
import { resetConfigForTests } from '../lib/config';
import type { TableKey } from '../lib/data/tables';
import { systemClock, systemRandom } from '../lib/clock';
import { upsertCustomer } from '../lib/customers/store';
import { loadHandler, startApiServer, type ApiServerOptions } from './api-server';
import { demoCustomers, enrollDemoAuthenticator, type DemoAuthenticator } from './demo-data';
import { startDynamoDbLocal } from './dynamodb-local';
import { repoRoot } from '../tooling/repo-root';
import { freePort, type ManagedProcess } from './processes';
import { startSesLocal } from './ses-local';
import { StreamPoller, type StreamPollerOptions } from './stream-poller';
import { enforceTableGrants } from './table-grants';
import { backfillRecoveryLockFlags } from '../lib/security/backfill';
import { createTables, localTableNames, tableEnvironment } from './tables';
import { createTokenIssuer, remoteIssuer, type TokenIssuer } from './token-issuer';
import {
  LOCAL_OIDC_PATH,
  localStaffPasswords,
  startLocalOidcProvider,
  type StaffPasswords,
} from './oidc-provider';
import { LOCAL_ACCOUNT_ID, LOCAL_LOGIN_SERVICE_ROLE_ARN, loginServiceIdentity } from './iam-identities';
import { LOCAL_EVENTBRIDGE_PATH, LOCAL_EVENT_BUS_NAME, LocalEventBus } from './event-bus';
import type { LocalIamIdentity } from './sigv4-verifier';
import { handleSesEvent } from './ses-feedback';

export interface LocalStackOptions {
  port?: number;
  dynamodbPort?: number;
  sesPort?: number;
  /** Keep nothing on disk: DynamoDB in memory, a throwaway secret key. */
  inMemory?: boolean;
  /** DynamoDB Local keeps its tables here, even with inMemory: after restartDynamoDb() the data is still there. */
  dynamodbDataDir?: string;
  /** Use services that already run (the tests' global setup) instead of starting them. */
  dynamodbEndpoint?: string;
  sesEndpoint?: string;
  tablePrefix?: string;
  demoData?: boolean;
  pollStreams?: boolean;
  /** The stream poller's longest wait while idle (StreamPollerOptions.idleMaxIntervalMs). */
  pollIdleMaxMs?: number;
  log?: (line: string) => void;
  /** Extra environment for the handlers (policy settings in tests). */
  environment?: Record<string, string>;
  /** Tests: stream records the poller loses instead of delivering (see StreamPoller). */
  dropStreamRecord?: StreamPollerOptions['dropRecord'];
  /** More local IAM principals whose signatures the API accepts (tests: a key that is not the login service). */
  extraIamIdentities?: LocalIamIdentity[];
  /** The local OpenID provider (tests: short-lived access tokens, another app client). */
  oidc?: { accessTokenTtlSeconds?: number; otherClientIds?: string[] };
  /** Tests: told of each answer a route's handler gave. */
  onHandled?: ApiServerOptions['onHandled'];
}

/** The key pair the login service signs with locally (SigV4, service execute-api). */
export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export interface LocalStack {
  apiUrl: string;
  dynamodbEndpoint: string;
  sesEndpoint: string;
  tableNames: Record<TableKey, string>;
  issuer: TokenIssuer;
  /** The console's sign-in: the local OpenID provider's issuer URL (mounted under the API). */
  oidcIssuer: string;
  /** Each local staff member's password at the OpenID provider (printed by `npm start`). */
  staffPasswords: StaffPasswords;
  /** The login service's local credentials, printed by `npm start`. */
  loginServiceCredentials: LocalCredentials;
  /** The demo customers' authenticators (otpauth URIs, backup codes): .data/'s, or an in-memory stack's own. */
  demoAuthenticatorsFile?: string;
  poller?: StreamPoller;
  /** The recovery event bus as played locally: its events (GET /local/events) and injectable faults. */
  eventBus: LocalEventBus;
  dynamodb: DynamoDBClient;
  token(
    sub: string,
    groups: string[],
    options?: { expiresInSeconds?: number; email?: string },
  ): Promise<string>;
  /** Stops DynamoDB Local (faults in tests); restartDynamoDb() brings it back on the same port and data. */
  stopDynamoDb(): Promise<void>;
  restartDynamoDb(): Promise<void>;
  stopSes(): Promise<void>;
  restartSes(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Where the local stack's pages and API are reached, and what its mails link to: `localhost`, the one
 * host on which browsers allow WebAuthn without TLS (an IP address cannot be a relying party ID). The
 * server still listens on the loopback address only.
 */
export const localApiUrl = (port: number) => `http://localhost:${port}`;

/** The environment the functions run with in the local stack; also given to commands beside it (below). */
export const localFunctionEnvironment = (settings: {
  tableNames: Record<TableKey, string>;
  dynamodbEndpoint: string;
  sesEndpoint: string;
  apiUrl: string;
  dataDir: string | undefined;
}) => ({
  AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...tableEnvironment(settings.tableNames),
  DYNAMODB_ENDPOINT: settings.dynamodbEndpoint,
  SES_ENDPOINT: settings.sesEndpoint,
  PUBLIC_BASE_URL: settings.apiUrl,
  // Browsers allow WebAuthn on http only for localhost, and an RP ID cannot be an IP address.
  PASSKEY_RP_ID: 'localhost',
  PASSKEY_ORIGINS: settings.apiUrl,
  SENDER_EMAIL: 'no-reply@mfa-recovery.local',
  SECURITY_ALERT_EMAIL: 'security@mfa-recovery.local',
  SECRET_KEY_SOURCE: 'local',
  LOCAL_SECRET_KEY: localSecretKey(settings.dataDir),
  LOGIN_SERVICE_ROLE_ARN: LOCAL_LOGIN_SERVICE_ROLE_ARN,
  EVENTBRIDGE_ENDPOINT: `${settings.apiUrl}${LOCAL_EVENTBRIDGE_PATH}`,
  EVENT_BUS_NAME: LOCAL_EVENT_BUS_NAME,
});

/**
 * For a command run beside a running `npm start` (the operators' redrive, the auditors' `--open-sealed`):
 * this process gets the functions' environment of that stack, found by the same PORT, DDB_PORT and
 * SES_PORT it was started with.
 */
export const useRunningLocalStack = (
  options: { dynamodbEndpoint?: string; sesEndpoint?: string; tablePrefix?: string; dataDir?: string } = {},
) => {
  const port = (name: string, fallback: number) => process.env[name] || String(fallback);
  Object.assign(
    process.env,
    localFunctionEnvironment({
      tableNames: localTableNames(options.tablePrefix ?? ''),
      dynamodbEndpoint: options.dynamodbEndpoint ?? `http://127.0.0.1:${port('DDB_PORT', 8000)}`,
      sesEndpoint: options.sesEndpoint ?? `http://127.0.0.1:${port('SES_PORT', 8005)}`,
      apiUrl: localApiUrl(Number(port('PORT', 3000))),
      dataDir: options.dataDir,
    }),
  );
};

const localSecretKey = (dataDir: string | undefined) => {
  if (!dataDir) return randomBytes(32).toString('base64');
  const file = join(dataDir, 'local-secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // Created on first start, mode 0600, under .data/ which git ignores: never committed.
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
};

export const startLocalStack = async (options: LocalStackOptions = {}): Promise<LocalStack> => {
  const log = options.log ?? (() => undefined);
  const dataDir = options.inMemory ? undefined : join(repoRoot(), '.data');
  const children: ManagedProcess[] = [];
  let demoAuthenticatorsFile: string | undefined;
  let scratchDir: string | undefined;
  const stopChildren = async () => {
    await Promise.all(children.splice(0).map((child) => child.stop()));
    if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  };

  try {
    let dynamodbProcess: ManagedProcess | undefined;
    const dynamodbPort = options.dynamodbEndpoint ? undefined : (options.dynamodbPort ?? (await freePort()));
    const startDynamo = async () => {
      const dynamodbDataDir = options.dynamodbDataDir ?? (dataDir ? join(dataDir, 'dynamodb') : undefined);
      dynamodbProcess = await startDynamoDbLocal({
        port: dynamodbPort as number,
        ...(dynamodbDataDir ? { dataDir: dynamodbDataDir } : {}),
      });
      children.push(dynamodbProcess);
    };
    if (!options.dynamodbEndpoint) {
      log(
        `starting DynamoDB Local on :${dynamodbPort}${dataDir ? ' (data in .data/dynamodb)' : ' (in memory)'}`,
      );
      await startDynamo();
    }
    const dynamodbEndpoint = options.dynamodbEndpoint ?? `http://127.0.0.1:${dynamodbPort}`;

    let sesProcess: ManagedProcess | undefined;
    const sesPort = options.sesEndpoint ? undefined : (options.sesPort ?? (await freePort()));
    const startSes = async () => {
      sesProcess = await startSesLocal({ port: sesPort as number });
      children.push(sesProcess);
    };
    if (!options.sesEndpoint) {
      log(`starting SES (aws-ses-v2-local) on :${sesPort}`);
      await startSes();
    }
    const sesEndpoint = options.sesEndpoint ?? `http://127.0.0.1:${sesPort}`;

    const port = options.port ?? (await freePort());
    const apiUrl = localApiUrl(port);
    const tableNames = localTableNames(options.tablePrefix ?? '');
    Object.assign(process.env, {
      ...localFunctionEnvironment({ tableNames, dynamodbEndpoint, sesEndpoint, apiUrl, dataDir }),
      ...options.environment,
    });
    resetConfigForTests();

    const dynamodb = new DynamoDBClient({
      region: process.env.AWS_REGION,
      endpoint: dynamodbEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await createTables(dynamodb, tableNames);
    if (dataDir) {
      // Data kept in .data/ from before the officers' queue had its index: locked customers join it.
      const { flagged } = await backfillRecoveryLockFlags();
      if (flagged.length) log(`put ${flagged.length} earlier recovery lock(s) in the security queue`);
    }

    if (options.demoData ?? true) {
      const marker = dataDir ? join(dataDir, 'demo-data-loaded') : undefined;
      if (!marker || !existsSync(marker)) {
        const deps = { clock: systemClock, random: systemRandom };
        const authenticators: DemoAuthenticator[] = [];
        for (const demo of demoCustomers) {
          await upsertCustomer(demo.customerId, demo.record, 'local-demo-data', deps);
          if (demo.twoFactorEnabled)
            authenticators.push(await enrollDemoAuthenticator(demo.customerId, deps));
        }
        // The demo authenticators' URIs and backup codes, to try login verification and the
        // self-service demo by hand: kept under .data/ (git-ignored, mode 0600), never printed. An
        // in-memory stack has its own (its customers' secrets are not those of .data/'s stack): in a
        // private temporary folder that goes when the stack stops.
        const folder = dataDir ?? (scratchDir = mkdtempSync(join(tmpdir(), 'mfa-recovery-demo-')));
        demoAuthenticatorsFile = join(folder, 'demo-authenticators.json');
        writeFileSync(demoAuthenticatorsFile, JSON.stringify(authenticators, null, 2), { mode: 0o600 });
        if (marker) writeFileSync(marker, new Date().toISOString());
        log(`loaded ${demoCustomers.length} demo customers (${authenticators.length} with 2FA enabled)`);
      }
      const kept = dataDir && join(dataDir, 'demo-authenticators.json');
      if (!demoAuthenticatorsFile && kept && existsSync(kept)) demoAuthenticatorsFile = kept;
    }

    const issuer = await createTokenIssuer(`${apiUrl}/local`);
    const loginService = loginServiceIdentity(dataDir);
    const region = process.env.AWS_REGION ?? 'eu-west-1';
    const staffPasswords = localStaffPasswords(dataDir);
    const oidc = startLocalOidcProvider({
      issuer: `${apiUrl}${LOCAL_OIDC_PATH}`,
      consoleUrl: `${apiUrl}/console/`,
      passwords: staffPasswords,
      ...options.oidc,
    });
    const eventBus = new LocalEventBus({ region, account: LOCAL_ACCOUNT_ID, busName: LOCAL_EVENT_BUS_NAME });
    enforceTableGrants();
    const api = await startApiServer({
      port,
      issuer,
      trustedIssuers: [remoteIssuer(oidc.issuer, oidc.jwksUri)],
      onLocalRoute: async (request, response) =>
        (await eventBus.handle(request, response)) ||
        (await handleSesEvent(request, response)) ||
        oidc.handle(request, response),
      iam: { region, identities: [loginService, ...(options.extraIamIdentities ?? [])] },
      ...(options.onHandled ? { onHandled: options.onHandled } : {}),
    });

    let poller: StreamPoller | undefined;
    if (options.pollStreams ?? true) {
      poller = new StreamPoller({
        dynamodb,
        endpoint: dynamodbEndpoint,
        region: process.env.AWS_REGION ?? 'eu-west-1',
        tableNames,
        loadHandler: (name) => loadHandler(name),
        ...(dataDir ? { stateDir: dataDir } : {}),
        ...(options.dropStreamRecord ? { dropRecord: options.dropStreamRecord } : {}),
        ...(options.pollIdleMaxMs ? { idleMaxIntervalMs: options.pollIdleMaxMs } : {}),
        log,
      });
      poller.start();
      // An answered request may have written records: the poller looks soon, however long it has idled.
      const nudged = poller;
      api.server.on('request', (_request, response) => response.on('finish', () => nudged.nudge()));
    }

    return {
      apiUrl,
      dynamodbEndpoint,
      sesEndpoint,
      tableNames,
      issuer,
      oidcIssuer: oidc.issuer,
      staffPasswords,
      ...(demoAuthenticatorsFile ? { demoAuthenticatorsFile } : {}),
      loginServiceCredentials: {
        accessKeyId: loginService.accessKeyId,
        secretAccessKey: loginService.secretAccessKey,
        region,
      },
      poller,
      eventBus,
      dynamodb,
      token: (sub, groups, extra) => issuer.sign({ sub, groups, ...extra }),
      stopDynamoDb: async () => {
        if (!dynamodbProcess) throw new Error('this stack uses an external DynamoDB');
        await dynamodbProcess.stop();
      },
      restartDynamoDb: async () => {
        if (!dynamodbProcess) throw new Error('this stack uses an external DynamoDB');
        await startDynamo();
      },
      stopSes: async () => {
        if (!sesProcess) throw new Error('this stack uses an external SES server');
        await sesProcess.stop();
      },
      restartSes: async () => {
        if (!sesProcess) throw new Error('this stack uses an external SES server');
        await startSes();
      },
      stop: async () => {
        await poller?.stop();
        await new Promise<void>((done) => {
          api.server.closeAllConnections();
          api.server.close(() => done());
        });
        dynamodb.destroy();
        closeDynamoDb();
        closeSes();
        closeEventBridge();
        await stopChildren();
      },
    };
  } catch (error) {
    await stopChildren();
    throw error;
  }
};
