// The cost estimate in docs/deploy.md is the template's: the counts it bills are read from the synthesized
// stacks, so a new alarm, metric, key or rule changes that page or fails here.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EdgeWafStack } from '../../cdk/constructs/edge';
import { businessMetrics } from '../../lib/observability/metric-names';
import { repoRoot } from '../../tooling/repo-root';
import {
  atRest,
  COST_BLOCK,
  costEstimate,
  METRICS_PER_DETAILED_ROUTE,
  type Resources,
} from '../../ops/cost-estimate';
import { sharedStack } from './synth';

let stack: Resources;
let edge: Resources;

beforeAll(() => {
  stack = sharedStack().resources as Resources;
  const app = new App();
  const edgeStack = new EdgeWafStack(app, 'CostTestEdge', {
    env: { region: 'us-east-1', account: '123456789012' },
    protectedStack: 'CostTest',
    protectedRegion: 'eu-west-1',
    alarmEmail: 'ops@example.com',
  });
  edge = Template.fromStack(edgeStack).toJSON().Resources as Resources;
}, 180000);

/** A table as prettier may pad it: cells trimmed, rule lines shortened. */
const normalized = (text: string) =>
  text
    .split('\n')
    .map((line) => line.replace(/-{3,}/g, '---').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');

describe('the cost estimate in docs/deploy.md', () => {
  it('is the one computed from the synthesized stacks', () => {
    const page = readFileSync(join(repoRoot(), 'docs', 'deploy.md'), 'utf8');
    const block = COST_BLOCK.exec(page)?.[2];
    expect(block).toBeDefined();
    expect(normalized(block ?? '')).toBe(normalized(costEstimate({ stack, edge })));
  });

  it('bills the metrics the template makes: the business metrics and six per detailed route, one route', () => {
    const lines = new Map(atRest(stack, edge).map((line) => [line.item, line]));
    expect(lines.get('Business metrics (EMF)')?.quantity).toBe(businessMetrics.length);
    expect(lines.get('Detailed API route metrics')?.quantity).toBe(METRICS_PER_DETAILED_ROUTE);
    const alarms = Object.values(stack).filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm');
    expect(lines.get('CloudWatch alarms (per metric read)')?.quantity).toBeGreaterThanOrEqual(alarms.length);
    // The edge stack's alarm topic has a key of its own (us-east-1).
    expect(lines.get('KMS keys')?.quantity).toBe(
      [...Object.values(stack), ...Object.values(edge)].filter(
        (resource) => resource.Type === 'AWS::KMS::Key',
      ).length,
    );
  });
});
