// Imported first by bench/run.ts: settings that must be in place before any handler module loads.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// One JSON log line per request would drown the report; the cold-start children log at INFO as Lambda does.
process.env.POWERTOOLS_LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'ERROR';
// The in-process handlers' EMF lines would land in the report; the cold-start children publish them as Lambda does.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
// The bench measures the disable route, not the all-admins alarm: its hundreds of disables an hour would
// park every one after the tenth. The window is still read and claimed on every disable.
process.env.VELOCITY_DISABLES_PER_HOUR_TOTAL ??= '1000000';
