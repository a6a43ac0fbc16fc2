// What every function's bundle gets in place of `bowser` (aliased by cdk/bundling.ts): a browser
// user-agent parser that @aws-sdk/core loads with import() to describe a browser in its user agent. In
// Node the SDK describes the process instead (its util-user-agent-node) and never loads it, but esbuild
// bundles every import() target: 34 KB that each cold start read and never ran. Should a client call it
// all the same, it parses nothing, and the SDK writes "other" and "unknown" for what it would have read.
// Tests and the local stack run the sources, with the package as it is.

/** bowser's `parse`, reading nothing. */
export const parse = (): Record<string, never> => ({});

export default { parse };
