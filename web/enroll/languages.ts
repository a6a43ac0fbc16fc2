// The enrollment page's languages, on their own so the words files (messages.ts and the steps'
// *.words.ts it spreads) all name them from one place without importing each other.
import type { MailLocale } from '../../lib/locales';
import type { PageLang } from '../shared/i18n';

/**
 * The languages of the enrollment page, the first its fallback. It speaks the customer's language on
 * record once the link's status names it (unless the customer switched), before that the browser's. A
 * language here needs its words below, its entry in web/shared/i18n.ts and its helpdesk facts in
 * lib/locales.ts (mailWording).
 */
export const enrollLanguages = ['nl', 'en'] as const satisfies readonly (PageLang & MailLocale)[];
export type EnrollLang = (typeof enrollLanguages)[number];
