// A logged unexpected error points at the TypeScript source, though the function runs a minified
// bundle without --enable-source-maps: the map beside the bundle is read only when the stack is logged.
import { createRequire } from 'node:module';
import { sourceMappedStack } from '../../lib/observability/stack-trace';
import { bundleScratch } from '../support/scratch-bundle';

it('maps the frames of a minified bundle to the source file and line, and leaves others alone', async () => {
  const { outfile } = await bundleScratch('failing-handler', [
    'const checkLedger = (eventId: string): never => {',
    '  throw new Error(`ledger entry ${eventId} is broken`);',
    '};',
    'export const handler = () => checkLedger("01J");',
  ]);
  const bundle = createRequire(outfile)(outfile) as { handler: () => void };
  let thrown: Error | undefined;
  try {
    bundle.handler();
  } catch (error) {
    thrown = error as Error;
  }
  expect(thrown?.stack).toContain(`${outfile}:`);
  const mapped = sourceMappedStack(thrown as Error) ?? '';
  expect(mapped.split('\n')[0]).toBe('Error: ledger entry 01J is broken');
  // Line 2 of the source, where the throw is; the path as esbuild records it (relative to the map).
  expect(mapped.split('\n')[1]).toMatch(/failing-handler\.ts:2:\d+\)?$/);
  expect(mapped).not.toContain(`${outfile}:`);

  // Frames without a map beside them (node internals, sources run directly) stay as they are.
  const plain = new Error('plain');
  expect(sourceMappedStack(plain)).toBe(plain.stack);
});
