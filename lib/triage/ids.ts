// The triage id's schema, on its own so the verification schemas can name it without a cycle.
import * as z from '../schema';

export const triageIdSchema = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a triage id is a ULID'));
