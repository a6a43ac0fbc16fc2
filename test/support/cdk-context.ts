// CDK apps built in tests take this context (the CLI passes its context the same way): no stack trace of
// where each CloudFormation element was created. CDK otherwise records one for every element, with no
// depth limit, and under jest each frame goes through the source maps: about half of the CPU of a suite
// that builds stacks, for metadata no test reads (the templates are the same).
const context = JSON.parse(process.env.CDK_CONTEXT_JSON ?? '{}') as Record<string, unknown>;
process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'aws:cdk:disable-creation-stack-traces': true, ...context });
// CDK's CloudFormation validation compiles a 9 MB WebAssembly engine for each synth, and reports what it
// finds as warnings no test reads. The shared stacks (test/infra/synth.ts) register it themselves, and
// test/infra/stack.test.ts asserts that its report finds nothing; the other stacks tests build skip it.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
