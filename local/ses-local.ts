// aws-ses-v2-local: the SES API with a web inbox (GET /) and the sent mail as JSON (GET /store).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { repoRoot } from '../tooling/repo-root';
import { portAccepts, startProcess, type ManagedProcess } from './processes';

export const startSesLocal = async (options: { port: number }): Promise<ManagedProcess> => {
  const require = createRequire(join(repoRoot(), 'package.json'));
  const cli = join(dirname(require.resolve('aws-ses-v2-local/package.json')), 'dist', 'cli.js');
  return startProcess({
    name: 'SES (aws-ses-v2-local)',
    command: process.execPath,
    args: [cli, '--port', String(options.port), '--host', '127.0.0.1'],
    ready: () => portAccepts(options.port),
    timeoutMs: 30000,
    stopSignal: 'SIGKILL',
  });
};
