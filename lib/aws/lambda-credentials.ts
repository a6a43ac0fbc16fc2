// What every function's bundle gets in place of the SDK's default credential chain
// (`@aws-sdk/credential-provider-node`, aliased by cdk/bundling.ts): Lambda hands a function its role's
// credentials in the environment, and the chain's other links (profiles, SSO, web identity, a process,
// the container and instance metadata) with the STS and SSO clients they bring are about 100 KB that
// every cold start read and compiled for nothing. Without the variables this refuses at once, where the
// chain would have waited on the instance metadata endpoint. Tests and the local stack run the sources,
// with the chain as it is.
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** The one export of the chain's package that the clients read (their runtimeConfig's credentialDefaultProvider). */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
