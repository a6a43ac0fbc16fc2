// Helpers of the self-service tests: the authenticator app is oathtool (OATH Toolkit, Debian package
// `oathtool`) and the camera is zbarimg (`zbar-tools`), both outside this code base. Where they are not
// installed, the RFC implementation of enrollment-helpers.ts (which shares no code with lib/totp) and
// jsQR stand in, so the suite still runs; the README names the packages.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { advanceClock } from '../support/shifted-clock';
import { authenticatorFrom, decodeQrPng } from './enrollment-helpers';

const installed = (tool: string) => {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

export const tools = { oathtool: installed('oathtool'), zbarimg: installed('zbarimg') };

/** The QR code as a phone's camera reads it (an answer without one fails the test here). */
export const scanQr = (dataUrl: string | undefined): string => {
  if (dataUrl === undefined) throw new Error('no QR code in the answer');
  if (!tools.zbarimg) return decodeQrPng(dataUrl) ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'qr-'));
  try {
    const file = join(dir, 'qr.png');
    writeFileSync(file, Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
    return execFileSync('zbarimg', ['--quiet', '--raw', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** An authenticator app from the scanned URI: codes per RFC 6238 time step, by oathtool where installed. */
export const phoneApp = (uri: string) => {
  const reference = authenticatorFrom(uri);
  const url = new URL(uri);
  const secret = url.searchParams.get('secret') ?? '';
  const period = Number(url.searchParams.get('period') ?? 30);
  const codeForStep = (step: number) =>
    tools.oathtool
      ? execFileSync(
          'oathtool',
          ['--totp', '--base32', `--time-step-size=${period}s`, `--now=@${step * period}`, secret],
          { encoding: 'utf8' },
        ).trim()
      : reference.codeForStep(step);
  return { ...reference, codeForStep, codeAt: (ms: number) => codeForStep(reference.stepAt(ms)) };
};

/**
 * Makes sure at least `needSeconds` of the current 30-second step are left, so a test that uses the
 * codes of this step and its neighbours is not cut by the step turning under it. Where too little is
 * left, the test file's clock (and its local stack's: shifted-clock.ts) moves to the next step's start
 * instead of the test waiting up to 30 s for it.
 */
export const awaitFreshStep = async (needSeconds = 20) => {
  const into = (Date.now() / 1000) % 30;
  if (30 - into < needSeconds) advanceClock(Math.ceil((30 - into) * 1000) + 50);
  return Math.floor(Date.now() / 30_000);
};
