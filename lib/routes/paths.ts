// Route keys and path parameters as API Gateway hands them over: what every HTTP function reads at run
// time, apart from the route table, so a function's bundle does not carry every route's schemas.
import { LONE_SURROGATE } from '../unicode';
import type { HttpMethod } from './types';

/** API Gateway's route key, e.g. `POST /admin/customers/{customerId}/verifications`. */
export const routeKey = (route: { method: HttpMethod; path: string }) => `${route.method} ${route.path}`;

/**
 * A path parameter as API Gateway's HTTP API hands it over: percent-decoded. An escape that does not
 * decode (`%ZZ`, a cut sequence `%E0%A4%A`, an encoded surrogate `%ED%A0%80`) is no text at all: the
 * parameter then stays as sent, and `isMalformedPathParameter` tells the handler to refuse it.
 */
export const decodePathParameter = (raw: string): { value: string; malformed: boolean } => {
  try {
    return { value: decodeURIComponent(raw), malformed: false };
  } catch {
    return { value: raw, malformed: true };
  }
};

/**
 * True for a parameter no decoder could have produced from a well-formed path: a `%` left over (no id
 * of ours holds one), a replacement character or a lone surrogate (a lenient decoder's rendering of
 * bytes that are not UTF-8). The Lambda checks this whatever the gateway did before it.
 */
export const isMalformedPathParameter = (value: string) =>
  /[%\uFFFD]/.test(value) || LONE_SURROGATE.test(value);
