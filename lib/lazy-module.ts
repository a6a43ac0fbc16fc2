// A module that only some requests need, loaded by the first of them and kept. esbuild bundles a literal
// import() as a lazy initializer, so a cold start does not run it (nor read it, for a lazy package:
// cdk/bundling.ts). Calling import() again on every request is not free: the module loader resolves the
// specifier each time (0.35 ms a call where the bench runs the sources), so the promise is kept. A load
// that failed is not kept: the next request tries again. Every call is marked `/* @__PURE__ */`: a
// module-level call is otherwise kept by esbuild in a bundle that never uses it, and its import() with it
// (lib/secrets/keyed-hash.ts put the KMS client, 64 KB, into the erasure function that way).
export const lazyModule = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
};
