// The local stand-in for Cognito's hosted UI: a certified OpenID provider (`oidc-provider`) mounted
// under the API server at /local/oidc, so the console signs in locally with the same authorization
// code + PKCE flow as in AWS, and its token request stays same-origin (connect-src 'self') as it does
// through CloudFront. Staff are the local directory (staff.ts), each with a local password; the
// access tokens are JWTs carrying `cognito:groups` like Cognito's.
import { createHash, generateKeyPairSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import Provider, {
  errors,
  type Adapter,
  type ClientMetadata,
  type AdapterPayload,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { localStaff, type LocalStaffMember, type LocalStaffUsername } from './staff';

export const LOCAL_OIDC_PATH = '/local/oidc';
export const CONSOLE_CLIENT_ID = 'mfa-recovery-console';
/** The API as a resource server: access tokens for it are JWTs whose audience is the client's id. */
const API_RESOURCE = 'urn:mfa-recovery:api';

export type StaffPasswords = Record<LocalStaffUsername, string>;

/**
 * One password per local staff member. With a data directory they are made once and kept in
 * .data/local-staff-passwords.json (git-ignored, mode 0600), so `npm start` prints the same ones each
 * time; without one (tests, --in-memory) each stack makes fresh ones.
 */
export const localStaffPasswords = (dataDir: string | undefined): StaffPasswords => {
  const fresh = () =>
    Object.fromEntries(
      localStaff.map((member) => [member.username, randomBytes(9).toString('base64url')]),
    ) as StaffPasswords;
  if (!dataDir) return fresh();
  const file = join(dataDir, 'local-staff-passwords.json');
  const stored: Partial<StaffPasswords> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<StaffPasswords>)
    : {};
  const passwords = { ...fresh(), ...stored };
  if (localStaff.some((member) => !stored[member.username])) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(passwords, null, 2), { mode: 0o600 });
  }
  return passwords;
};

const sameSecret = (given: string, expected: string) => {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
};

/** The provider's state (sessions, codes, grants) for as long as the stack runs: a restart signs everyone out. */
const memoryAdapter = () => {
  const items = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const live = (key: string) => {
    const item = items.get(key);
    if (item && item.expiresAt <= Date.now()) items.delete(key);
    return item && item.expiresAt > Date.now() ? item : undefined;
  };
  return (name: string): Adapter => {
    const key = (id: string) => `${name}:${id}`;
    const findBy = (match: (payload: AdapterPayload) => boolean) => {
      for (const [id, item] of items)
        if (id.startsWith(`${name}:`) && item.expiresAt > Date.now() && match(item.payload))
          return Promise.resolve(item.payload);
      return Promise.resolve(undefined);
    };
    return {
      upsert: (id, payload, expiresIn) => {
        items.set(key(id), {
          payload,
          expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Number.MAX_SAFE_INTEGER,
        });
        return Promise.resolve();
      },
      find: (id) => Promise.resolve(live(key(id))?.payload),
      findByUid: (uid) => findBy((payload) => payload.uid === uid),
      findByUserCode: (userCode) => findBy((payload) => payload.userCode === userCode),
      consume: (id) => {
        const item = live(key(id));
        if (item) item.payload.consumed = Math.floor(Date.now() / 1000);
        return Promise.resolve();
      },
      destroy: (id) => {
        items.delete(key(id));
        return Promise.resolve();
      },
      revokeByGrantId: (grantId) => {
        for (const [id, item] of items) if (item.payload.grantId === grantId) items.delete(id);
        return Promise.resolve();
      },
    };
  };
};

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

/** The provider's pages load nothing from elsewhere and run no script but the hashed one they name. */
const pageCsp = (scriptHash?: string) =>
  [
    "default-src 'none'",
    `script-src ${scriptHash ? `'${scriptHash}'` : "'none'"}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

type Lang = 'nl' | 'en';
const words = {
  nl: {
    title: 'Aanmelden – lokale OpenID-provider',
    intro: 'Meld u aan bij de helpdesk-console. Dit is de lokale stand-in voor de aanmeldpagina van Cognito.',
    username: 'Gebruikersnaam',
    password: 'Wachtwoord',
    submit: 'Aanmelden',
    cancel: 'Annuleren',
    wrong: 'Gebruikersnaam of wachtwoord klopt niet.',
    signingOut: 'U wordt afgemeld…',
    signOut: 'Afmelden',
    signedOut: 'U bent afgemeld.',
    error: 'Aanmelden is mislukt',
  },
  en: {
    title: 'Sign in – local OpenID provider',
    intro: 'Sign in to the helpdesk console. This is the local stand-in for Cognito’s sign-in page.',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    cancel: 'Cancel',
    wrong: 'The user name or password is not right.',
    signingOut: 'Signing you out…',
    signOut: 'Sign out',
    signedOut: 'You are signed out.',
    error: 'Signing in failed',
  },
} satisfies Record<Lang, Record<string, string>>;

const langOf = (request: IncomingMessage): Lang =>
  /^\s*en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'nl';

const page = (lang: Lang, title: string, body: string, script?: string) =>
  `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="referrer" content="no-referrer" />
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:," />
<link rel="stylesheet" href="/console/shared.css" />
</head>
<body>
<header><h1>${escapeHtml(words[lang].title)}</h1></header>
<main id="main">${body}</main>
${script ? `<script>${script}</script>` : ''}
</body>
</html>`;

const sendHtml = (response: ServerResponse, status: number, html: string, scriptHash?: string) => {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': pageCsp(scriptHash),
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  response.end(html);
};

const readForm = (request: IncomingMessage) =>
  new Promise<URLSearchParams>((done, failed) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 16_384) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => done(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    request.on('close', () => done(new URLSearchParams()));
    request.on('error', failed);
  });

const loginPage = (lang: Lang, uid: string, options: { username?: string; refused?: boolean } = {}) => {
  const t = words[lang];
  const action = `${LOCAL_OIDC_PATH}/interaction/${encodeURIComponent(uid)}`;
  return page(
    lang,
    t.title,
    `<section class="card narrow">
<h2>${escapeHtml(t.submit)}</h2>
<p class="muted">${escapeHtml(t.intro)}</p>
${options.refused ? `<div class="notice notice-error" role="alert" data-testid="provider-error"><p>${escapeHtml(t.wrong)}</p></div>` : ''}
<form class="stack" method="post" action="${action}/login" autocomplete="on">
<label for="username">${escapeHtml(t.username)}</label>
<input id="username" name="username" autocomplete="username" required maxlength="128" value="${escapeHtml(options.username ?? '')}" ${options.username ? '' : 'autofocus'} />
<label for="password">${escapeHtml(t.password)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256" ${options.username ? 'autofocus' : ''} />
<div class="actions"><button type="submit">${escapeHtml(t.submit)}</button></div>
</form>
<form method="post" action="${action}/abort"><button type="submit" class="secondary">${escapeHtml(t.cancel)}</button></form>
</section>`,
  );
};

export interface LocalOidcProviderOptions {
  /** The issuer URL: where the provider is mounted, e.g. http://127.0.0.1:3000/local/oidc. */
  issuer: string;
  /** Where the console lives: its redirect URI and the post-logout redirect. */
  consoleUrl: string;
  passwords: StaffPasswords;
  clientId?: string;
  /** More public clients in the same directory (tests: an app the API must not accept tokens of). */
  otherClientIds?: readonly string[];
  /** Access token lifetime; an hour like Cognito's default. */
  accessTokenTtlSeconds?: number;
}

export interface LocalOidcProvider {
  issuer: string;
  jwksUri: string;
  /** Answers requests under the mount path (false for any other path). */
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
}

export const startLocalOidcProvider = (options: LocalOidcProviderOptions): LocalOidcProvider => {
  const issuer = options.issuer.replace(/\/$/, '');
  const mountPath = new URL(issuer).pathname;
  const clientId = options.clientId ?? CONSOLE_CLIENT_ID;
  const staffByName = new Map<string, LocalStaffMember>(
    localStaff.map((member) => [member.username, member]),
  );
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };

  const groupsOf = (accountId: string | undefined) => [...(staffByName.get(accountId ?? '')?.groups ?? [])];

  const endSessionPage = (ctx: KoaContextWithOIDC, form: string) => {
    const lang = langOf(ctx.req);
    // Cognito's logout endpoint asks nothing: the console's button was the question. The form ends the
    // whole provider session (logout=yes), then the provider sends the browser back to the console.
    const script = 'document.forms[0].submit();';
    const hash = `sha256-${createHash('sha256').update(script).digest('base64')}`;
    ctx.type = 'html';
    ctx.set('content-security-policy', pageCsp(hash));
    ctx.body = page(
      lang,
      words[lang].signOut,
      `<section class="card narrow"><p>${escapeHtml(words[lang].signingOut)}</p>${form.replace(
        '</form>',
        `<input type="hidden" name="logout" value="yes"/><noscript><button type="submit">${escapeHtml(words[lang].signOut)}</button></noscript></form>`,
      )}</section>`,
      script,
    );
  };

  const clients = [clientId, ...(options.otherClientIds ?? [])].map((id): ClientMetadata => ({
    client_id: id,
    token_endpoint_auth_method: 'none',
    application_type: 'web',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: [options.consoleUrl],
    post_logout_redirect_uris: [options.consoleUrl],
  }));

  const configuration: Configuration = {
    adapter: memoryAdapter(),
    clients,
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    // The console calls the token endpoint from its own origin (browsers send Origin on a POST
    // fetch even then); no other origin may.
    clientBasedCORS: (_ctx, origin) => origin === new URL(options.consoleUrl).origin,
    scopes: ['openid', 'email', 'profile'],
    claims: {
      openid: ['sub', 'cognito:groups', 'cognito:username'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // Like Cognito's ID token, which carries the user's attributes and groups in the code flow too.
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const member = staffByName.get(sub);
      if (!member) return undefined;
      return {
        accountId: member.username,
        claims: () => ({
          sub: member.username,
          email: member.email,
          email_verified: true,
          name: member.name,
          'cognito:groups': [...member.groups],
          'cognito:username': member.username,
        }),
      };
    },
    // The console is first-party: staff are never asked to consent to it.
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      grant.addResourceScope(API_RESOURCE, 'openid email profile');
      await grant.save();
      return grant;
    },
    extraTokenClaims: (_ctx, token) => {
      const accountId = 'accountId' in token ? token.accountId : undefined;
      return { 'cognito:groups': groupsOf(accountId), username: accountId, token_use: 'access' };
    },
    interactions: {
      url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: endSessionPage,
        postLogoutSuccessSource: (ctx) => {
          const lang = langOf(ctx.req);
          ctx.type = 'html';
          ctx.body = page(lang, words[lang].signedOut, `<p>${escapeHtml(words[lang].signedOut)}</p>`);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => {
          if (resource !== API_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: 'openid email profile',
            // Cognito's access tokens name their app client; API Gateway accepts aud or client_id.
            audience: client.clientId,
            accessTokenFormat: 'jwt',
            accessTokenTTL: options.accessTokenTtlSeconds ?? 3600,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 12 * 3600,
      Grant: 12 * 3600,
    },
    renderError: (ctx, out) => {
      const lang = langOf(ctx.req);
      ctx.type = 'html';
      ctx.body = page(
        lang,
        words[lang].error,
        `<section class="card narrow"><h2>${escapeHtml(words[lang].error)}</h2><div class="notice notice-error" data-testid="provider-error"><p>${escapeHtml(
          String(out.error_description ?? out.error),
        )}</p></div></section>`,
      );
    },
  };

  const provider = new Provider(issuer, configuration);
  // The provider's own auto-submitting form (a sign-out with no provider session left, e.g. after a
  // restart) adds its script's hash to our script-src 'none'; 'none' then has to go, or the browser
  // reports the policy as broken.
  provider.use(async (ctx, next) => {
    await next();
    const csp = ctx.response.get('content-security-policy');
    if (typeof csp === 'string' && /script-src 'none' '/.test(csp))
      ctx.set('content-security-policy', csp.replace("script-src 'none' '", "script-src '"));
  });
  const callback = provider.callback();

  const interaction = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    const match = /^\/interaction\/([^/]+)(\/login|\/abort)?$/.exec(path);
    if (!match) return false;
    const lang = langOf(request);
    const details = await provider.interactionDetails(request, response);
    if (details.uid !== decodeURIComponent(match[1] ?? '')) return false;
    if (request.method === 'GET' && !match[2]) {
      sendHtml(response, 200, loginPage(lang, details.uid));
      return true;
    }
    if (request.method !== 'POST') return false;
    if (match[2] === '/abort') {
      await provider.interactionFinished(
        request,
        response,
        { error: 'access_denied', error_description: 'the person cancelled the sign-in' },
        { mergeWithLastSubmission: false },
      );
      return true;
    }
    const form = await readForm(request);
    const username = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    const expected = options.passwords[username as LocalStaffUsername];
    const known = staffByName.has(username) && typeof expected === 'string';
    if (!sameSecret(password, known ? expected : randomUUID()) || !known) {
      sendHtml(response, 401, loginPage(lang, details.uid, { username, refused: true }));
      return true;
    }
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId: username, amr: ['pwd'] } },
      { mergeWithLastSubmission: false },
    );
    return true;
  };

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    handle: async (request, response) => {
      const url = request.url ?? '/';
      if (url !== mountPath && !url.startsWith(`${mountPath}/`) && !url.startsWith(`${mountPath}?`))
        return false;
      const path = url.slice(mountPath.length).split('?')[0] || '/';
      try {
        if (path.startsWith('/interaction/')) {
          if (await interaction(request, response, path)) return true;
          sendHtml(response, 404, page(langOf(request), words[langOf(request)].error, ''));
          return true;
        }
      } catch {
        // An unknown or expired interaction (its cookie is gone): start again from the console.
        sendHtml(
          response,
          400,
          page(
            langOf(request),
            words[langOf(request)].error,
            `<section class="card narrow"><div class="notice notice-error" data-testid="provider-error"><p>${escapeHtml(words[langOf(request)].error)}</p></div><p><a href="${escapeHtml(options.consoleUrl)}">${escapeHtml(options.consoleUrl)}</a></p></section>`,
          ),
        );
        return true;
      }
      // Mounted the way express mounts it: the provider sees its own paths, originalUrl keeps the prefix.
      const mounted = request as IncomingMessage & { originalUrl?: string };
      mounted.originalUrl = url;
      request.url = url.slice(mountPath.length) || '/';
      response.setHeader('content-security-policy', pageCsp());
      await new Promise<void>((done) => {
        response.once('finish', done);
        response.once('close', done);
        callback(request, response);
      });
      return true;
    },
  };
};
