// The static pages and the HTTP headers they are served with: read by the local server and by
// CloudFront's response headers policy in the CDK stack, so both send the same.

export interface PageDefinition {
  name: 'console' | 'enroll';
  title: string;
  /** Script entry bundled by esbuild into dist/web/<name>/app.js. */
  script: string;
}

export const pages: PageDefinition[] = [
  { name: 'console', title: 'Helpdesk console', script: 'web/console/app.ts' },
  { name: 'enroll', title: 'Two-step verification', script: 'web/enroll/app.ts' },
];

/**
 * No third-party origins, no inline script or style: the enrollment page holds a ticket and shows
 * a TOTP secret, so an injected script must have nowhere to load from and nowhere to send to.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const pageHeaders = (page: PageDefinition): Record<string, string> => ({
  'content-security-policy': contentSecurityPolicy,
  // The enrollment link carries its ticket in the fragment; no page may leak its URL to another site.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cache-control': page.name === 'enroll' ? 'no-store' : 'no-cache',
  'cross-origin-opener-policy': 'same-origin',
});
