// Imported first by ops/smoke.ts: the in-memory stack's handlers log every request and print a
// metrics line per invocation; the smoke test's own lines are the report. Set before any handler
// module reads the environment (imports are evaluated in order, so this cannot live in smoke.ts).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED = process.env.POWERTOOLS_METRICS_DISABLED ?? 'true';
