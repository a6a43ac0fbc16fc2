// The schema library every request body, path, query and the environment is declared with: zod/mini,
// configured once with zod's English messages. zod/mini rather than zod's chained API: the same checks,
// messages and inferred types, at a fraction of the start-up cost (building the classic API's schemas
// and loading it took about a tenth of a function's cold start; see README "Performance").
import { config, lazy, maxLength, minLength, refine, string, trim, type ZodMiniType } from 'zod/mini';
import { en } from 'zod/locales';
import { LONE_SURROGATE } from './unicode';

config(en());

export * from 'zod/mini';

/**
 * A schema built the first time something parses or describes it. The routes' answer schemas are read by
 * the OpenAPI document and the contract tests, never by a function, yet they are most of what a function's
 * route modules build at a cold start (adminApi: 421 schema nodes in its answers, 155 in its requests).
 */
export const builtOnFirstUse = <T extends ZodMiniType>(build: () => T) => lazy(build);

// Every string a client sends is checked once, before any schema sees it (lib/http/middlewares.ts):
// well-formed Unicode, because audit hashes are RFC 8785 and no implementation can hash a lone
// surrogate; and no control character but line feed and tab, because a CR, NUL or escape in a name
// ends up in plain-text mails, CSV exports and logs. Fields that are one line refuse LF and tab too.
const CONTROL_EXCEPT_LF_TAB = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/;
const LINE_BREAK_OR_TAB = /[\n\t]/;

/** Why a client's string is refused everywhere, or undefined when it is acceptable text. */
export const textProblem = (text: string): string | undefined => {
  if (LONE_SURROGATE.test(text)) return 'is not well-formed Unicode (it holds a lone surrogate)';
  if (CONTROL_EXCEPT_LF_TAB.test(text))
    return 'holds a control character (only line feed and tab are allowed in text)';
  return undefined;
};

/** The first string in a parsed request (body, query or path) that textProblem refuses, with its path. */
export const findTextProblem = (
  value: unknown,
  path: string[] = [],
): { path: string; message: string } | undefined => {
  const where = () => path.join('.') || '(root)';
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { path: where(), message } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findTextProblem(item, [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      if (keyProblem) return { path: [...path, key].join('.'), message: `has a name that ${keyProblem}` };
      const found = findTextProblem(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
};

/**
 * A name or other one-line field: trimmed, `min`–`max` characters, no line break or tab (a
 * `"\r\nBcc: x"` in a full name would print a forged line in the reset email's text part).
 */
export const singleLine = (min: number, max: number) =>
  string().check(
    trim(),
    minLength(min),
    maxLength(max),
    refine((text: string) => !LINE_BREAK_OR_TAB.test(text), 'must be a single line (no line break or tab)'),
  );
