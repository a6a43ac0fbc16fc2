// The passkeys' relying party comes from configuration: by default the pages' own host and origin (the
// CloudFront domain in AWS), or the shared domain and the login page's origin when they are set.
import { ConfigError, parseConfig } from '../../lib/config';
import { tables } from '../../lib/data/tables';

const required = {
  ...Object.fromEntries(Object.values(tables).map((table) => [table.envVar, `test-${table.baseName}`])),
  PUBLIC_BASE_URL: 'https://d111111abcdef8.cloudfront.net/',
  SENDER_EMAIL: 'no-reply@example.com',
  SECURITY_ALERT_EMAIL: 'security@example.com',
  SECRET_KEY_SOURCE: 'kms',
  KMS_KEY_ID: 'arn:aws:kms:eu-west-1:111111111111:key/test',
};

describe('the passkeys’ relying party', () => {
  it('is the pages’ host and origin when nothing else is set', () => {
    expect(parseConfig(required).passkeys).toEqual({
      rpId: 'd111111abcdef8.cloudfront.net',
      origins: ['https://d111111abcdef8.cloudfront.net'],
      challengeSeconds: 300,
    });
  });

  it('takes a shared domain and the login page’s origin beside the pages’', () => {
    const passkeys = parseConfig({
      ...required,
      PUBLIC_BASE_URL: 'https://recovery.cube.example',
      PASSKEY_RP_ID: 'cube.example',
      PASSKEY_ORIGINS: 'https://login.cube.example, https://recovery.cube.example/',
    }).passkeys;
    expect(passkeys.rpId).toBe('cube.example');
    expect(passkeys.origins).toEqual(['https://login.cube.example', 'https://recovery.cube.example']);
  });

  it('refuses at start-up an origin with a path, or an RP ID that is not a domain name', () => {
    expect(() => parseConfig({ ...required, PASSKEY_ORIGINS: 'https://login.cube.example/signin' })).toThrow(
      ConfigError,
    );
    expect(() => parseConfig({ ...required, PASSKEY_ORIGINS: 'login.cube.example' })).toThrow(ConfigError);
    expect(() => parseConfig({ ...required, PASSKEY_RP_ID: 'https://cube.example' })).toThrow(ConfigError);
  });
});
