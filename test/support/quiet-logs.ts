// Handlers log every request at info level; in tests that is noise around the failures that matter.
// Set before any test file loads a module that builds the logger; suites about logging raise it themselves.
process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR';
// Business metrics are EMF lines on stdout, one per invocation that changed something: thousands in a
// run. The writer reads this at every flush, so the suite that asserts the lines turns it back on and
// captures them (test/integration/business-metrics.test.ts).
process.env.POWERTOOLS_METRICS_DISABLED = process.env.POWERTOOLS_METRICS_DISABLED ?? 'true';
