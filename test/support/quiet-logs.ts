// Handlers log every request at info level; in tests that is noise around the failures that matter.
// Set before any test file loads a module that builds the logger; suites about logging raise it themselves.
process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR';
