// The schema library every request body, path, query and the environment is declared with: zod/mini,
// configured once with zod's English messages. zod/mini rather than zod's chained API: the same checks,
// messages and inferred types, at a fraction of the start-up cost (building the classic API's schemas
// and loading it took about a tenth of a function's cold start; see README "Performance").
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());

export * from 'zod/mini';
