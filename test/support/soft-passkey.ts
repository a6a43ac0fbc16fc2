// A WebAuthn authenticator in software, written from the WebAuthn and CTAP2 specifications alone (it
// shares no code with lib/passkeys or its library): an ES256 key pair, the authenticator data, a
// "none" attestation and signed assertions, each part of which a test can get wrong on purpose.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// CBOR (RFC 8949), just the types a COSE key and a "none" attestation object use.
const head = (major: number, length: number) => {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  const bytes = Buffer.alloc(3);
  bytes[0] = (major << 5) | 25;
  bytes.writeUInt16BE(length, 1);
  return bytes;
};
type Cbor = number | string | Buffer | Map<number | string, Cbor>;
const cbor = (value: Cbor): Buffer => {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string')
    return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  return Buffer.concat([
    head(5, value.size),
    ...[...value].flatMap(([key, item]) => [cbor(key), cbor(item)]),
  ]);
};

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64url = (data: Buffer) => data.toString('base64url');

export const FLAGS = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40 } as const;

export interface Ceremony {
  challenge: string;
  origin: string;
  rpId: string;
  /** Default UP|UV (plus BE|BS for a synced passkey). */
  flags?: number;
  type?: string;
  signCount?: number;
}

export interface SoftPasskey {
  credentialId: string;
  synced: boolean;
  /** The next assertion's counter (a device-bound authenticator counts up; a synced one sends 0). */
  signCount: number;
  register(ceremony: Ceremony): Record<string, unknown>;
  assert(ceremony: Ceremony): Record<string, unknown>;
}

export const softPasskey = (options: { synced?: boolean } = {}): SoftPasskey => {
  const synced = options.synced ?? false;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = (publicKey as KeyObject).export({ format: 'jwk' });
  const coseKey = new Map<number, Cbor>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, Buffer.from(jwk.x ?? '', 'base64url')],
    [-3, Buffer.from(jwk.y ?? '', 'base64url')],
  ]);
  const id = randomBytes(32);
  const defaultFlags = FLAGS.UP | FLAGS.UV | (synced ? FLAGS.BE | FLAGS.BS : 0);
  const authData = (ceremony: Ceremony, extra: Buffer, at: number) => {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(ceremony.signCount ?? 0);
    return Buffer.concat([
      sha256(ceremony.rpId),
      Buffer.from([(ceremony.flags ?? defaultFlags) | at]),
      count,
      extra,
    ]);
  };
  const clientData = (ceremony: Ceremony, type: string) =>
    Buffer.from(
      JSON.stringify({
        type: ceremony.type ?? type,
        challenge: ceremony.challenge,
        origin: ceremony.origin,
        crossOrigin: false,
      }),
    );
  const passkey: SoftPasskey = {
    credentialId: b64url(id),
    synced,
    signCount: synced ? 0 : 1,
    register: (ceremony) => {
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(id.length);
      const attested = Buffer.concat([Buffer.alloc(16), idLength, id, cbor(coseKey)]);
      const attestationObject = cbor(
        new Map<string, Cbor>([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', authData({ signCount: 0, ...ceremony }, attested, FLAGS.AT)],
        ]),
      );
      return {
        id: b64url(id),
        rawId: b64url(id),
        type: 'public-key',
        authenticatorAttachment: 'platform',
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(clientData(ceremony, 'webauthn.create')),
          attestationObject: b64url(attestationObject),
          transports: ['internal'],
        },
      };
    },
    assert: (ceremony) => {
      const signCount = ceremony.signCount ?? passkey.signCount;
      if (!synced && ceremony.signCount === undefined) passkey.signCount += 1;
      const data = authData({ ...ceremony, signCount }, Buffer.alloc(0), 0);
      const client = clientData(ceremony, 'webauthn.get');
      // WebAuthn §6.3.3: the signature covers authenticatorData || SHA-256(clientDataJSON); ES256 in DER.
      const signature = sign('sha256', Buffer.concat([data, sha256(client)]), privateKey);
      return {
        id: b64url(id),
        rawId: b64url(id),
        type: 'public-key',
        authenticatorAttachment: 'platform',
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(client),
          authenticatorData: b64url(data),
          signature: b64url(signature),
        },
      };
    },
  };
  return passkey;
};
