// Signs a request to the service's API Gateway with AWS Signature Version 4 (service execute-api),
// using AWS's own signer, exactly as API Gateway's IAM authorization expects it.
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface SignInput {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export const createSigner = (options: {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}) => {
  const signer = new SignatureV4({
    service: 'execute-api',
    region: options.region,
    credentials: options.credentials,
    sha256: Hash.bind(null, 'sha256'),
  });
  /** The headers to send, host and authorization included, for this request. */
  return async (input: SignInput, signingDate?: Date): Promise<Record<string, string>> => {
    const url = new URL(input.url);
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of url.searchParams) {
      const existing = query[name];
      query[name] =
        existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    const signed = await signer.sign(
      {
        method: input.method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        query,
        headers: { host: url.host, ...input.headers },
        ...(input.body !== undefined ? { body: input.body } : {}),
      },
      signingDate ? { signingDate } : {},
    );
    return signed.headers;
  };
};
