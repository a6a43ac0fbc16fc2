// Signs requests the way an AWS SDK client does, with AWS's own SigV4 implementation (@smithy/signature-v4,
// wrapped by the login service client), so the tests exercise the local IAM authorization with
// signatures we did not compute ourselves.
import { createSigner } from '../../clients/login-service/src/sigv4';

export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** A caller that signs with SigV4 instead of sending a bearer token. */
export interface SigV4Caller {
  kind: 'sigv4';
  keys: AwsKeys;
}

export const sigV4Caller = (keys: AwsKeys): SigV4Caller => ({ kind: 'sigv4', keys });

/** The headers to send (host included) for a request to `url`, signed for service execute-api. */
export const signedHeaders = (
  keys: AwsKeys,
  request: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    body?: string;
    signingDate?: Date;
  },
): Promise<Record<string, string>> => {
  const { signingDate, ...input } = request;
  return createSigner({ region: keys.region, credentials: keys })(input, signingDate);
};
