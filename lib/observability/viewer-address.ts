// Who sent a request, for the request log: behind CloudFront, API Gateway's source IP is CloudFront's
// edge, so the viewer's address comes from the header CloudFront's viewer-request function sets
// (cdk/constructs/web.ts), trusted only when the request carries CloudFront's secret origin header.
// X-Forwarded-For is never read: its first entries are whatever the client wrote.
import { isIP } from 'node:net';

/** Set by CloudFront from `event.viewer.ip`, overwriting any value the client sent. */
export const VIEWER_ADDRESS_HEADER = 'x-viewer-address';

/**
 * The address alone from `ip`, `ip:port` (CloudFront-Viewer-Address's form, IPv6 without brackets:
 * `2001:db8::1:443`) or `[ip]:port`; undefined for anything else.
 */
export const parseViewerAddress = (value: string | undefined): string | undefined => {
  const text = value?.trim() ?? '';
  if (text === '' || text.length > 64) return undefined;
  if (isIP(text)) return text;
  const bracketed = /^\[([0-9A-Fa-f:.]+)\]:\d{1,5}$/.exec(text)?.[1];
  if (bracketed) return isIP(bracketed) === 6 ? bracketed : undefined;
  const lastColon = text.lastIndexOf(':');
  if (lastColon <= 0 || !/^\d{1,5}$/.test(text.slice(lastColon + 1))) return undefined;
  const address = text.slice(0, lastColon);
  return isIP(address) ? address : undefined;
};

/**
 * `ip` of the request log: the viewer's address when CloudFront vouches for it, else the address API
 * Gateway saw (the login service calling directly, or anyone skipping CloudFront).
 */
export const requestAddress = (request: {
  headers: Record<string, string | undefined>;
  sourceIp: string | undefined;
  throughCloudFront: boolean;
}): { ip: string; ipFrom: 'viewer' | 'source' } => {
  const viewer = request.throughCloudFront
    ? parseViewerAddress(request.headers[VIEWER_ADDRESS_HEADER])
    : undefined;
  return viewer ? { ip: viewer, ipFrom: 'viewer' } : { ip: request.sourceIp ?? 'unknown', ipFrom: 'source' };
};
