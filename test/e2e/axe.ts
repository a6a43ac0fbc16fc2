// axe-core's WCAG 2.1 A/AA rules run in the page as a reviewer's browser extension would. The source
// is evaluated over the DevTools protocol, which the pages' strict CSP (no inline script) does not
// govern, so the page under test is served exactly as in production.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  rule: string;
  impact: string | null;
  targets: string[];
}

/** The violations on the page as it is now, with the elements each rule found. */
export const axeViolations = async (page: Page): Promise<AxeViolation[]> => {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<any> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return (result.violations as { id: string; impact: string | null; nodes: { target: string[] }[] }[]).map(
      (violation) => ({
        rule: violation.id,
        impact: violation.impact,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      }),
    );
  });
};
