// AWS's DynamoDB Local, run from the jar shipped in the npm package amplify-dynamodb-simulator.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { repoRoot } from '../tooling/repo-root';
import { portAccepts, startProcess, type ManagedProcess } from './processes';

export class MissingJavaError extends Error {}

const emulatorDir = () => {
  const require = createRequire(join(repoRoot(), 'package.json'));
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
};

/** DynamoDB Local needs Java 17 or later; say so in one line rather than with a stack trace. */
export const checkJava = () => {
  let versionText: string;
  try {
    versionText = execFileSync('java', ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    if (typeof stderr === 'string' && /version/.test(stderr)) versionText = stderr;
    else
      throw new MissingJavaError(
        'Java 17 or later is required for DynamoDB Local: install it (Debian: apt-get install openjdk-17-jre-headless) and make sure `java` is on the PATH.',
      );
  }
  const major = /version "(\d+)/.exec(versionText)?.[1];
  if (major !== undefined && Number(major) < 17 && Number(major) !== 1)
    throw new MissingJavaError(`Java ${major} found, but DynamoDB Local needs Java 17 or later.`);
};

/**
 * A test run's emulator lives minutes on two cores: compiled by C1 only, it spends less CPU than C2's
 * compiles of its hot code would save in so short a life (docs/performance.md, "DynamoDB Local").
 * `npm start` and the bench keep the JVM's defaults.
 */
const shortLivedJvm = ['-XX:TieredStopAtLevel=1'];

export const startDynamoDbLocal = async (options: {
  port: number;
  dataDir?: string;
  /** A test run's emulator (shortLivedJvm). */
  shortLived?: boolean;
}): Promise<ManagedProcess> => {
  checkJava();
  const dir = emulatorDir();
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  return startProcess({
    name: 'DynamoDB Local',
    command: 'java',
    args: [
      ...(options.shortLived ? shortLivedJvm : []),
      '-Xms64m',
      '-Xmx512m',
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-port',
      String(options.port),
      '-sharedDb',
      ...storage,
    ],
    cwd: dir,
    ready: () => portAccepts(options.port),
    timeoutMs: 60000,
    stopSignal: options.dataDir ? 'SIGTERM' : 'SIGKILL',
  });
};
