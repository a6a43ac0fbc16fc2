// The page shell: the translator, what this visit knows (the ticket, the link, the view on screen),
// and show(), which renders a view in the page's frame and moves focus for keyboard and screen readers.
import { byId, clear } from '../shared/dom';
import { createTranslator, languageSwitch, type Translator } from '../shared/i18n';
import type { AddAnother, InlineError, LinkStatus, StartedEnrollment } from './enrollment-api';
import {
  enrollLanguages,
  messages,
  type EnrollLang,
  type MessageKey,
  type TicketErrorCode,
} from './messages';

export type View =
  | { name: 'no-ticket' }
  | { name: 'checking' }
  /** passkeyBusy: the device's passkey prompt is open; passkeyError: it or the server refused. */
  | { name: 'intro'; passkeyBusy?: boolean; passkeyError?: InlineError }
  | { name: 'starting' }
  | { name: 'scan'; enrollment: StartedEnrollment; busy: boolean; manualOpen: boolean; error?: InlineError }
  | {
      name: 'codes';
      backupCodes: string[];
      /** When the codes were made: the printed and downloaded copies say so. */
      generatedAt: string;
      saved: boolean;
      savedError: boolean;
      replaced: boolean;
      method?: 'totp' | 'passkey';
      /** The link for a second authenticator (steps/add-another.ts). */
      addAnother?: AddAnother;
    }
  | { name: 'done'; replaced: boolean; method?: 'totp' | 'passkey'; addAnother?: AddAnother }
  /** A further authenticator added beside the first (an ADD link): no new codes, the offer again. */
  | { name: 'added'; method: 'totp' | 'passkey'; addAnother?: AddAnother }
  | { name: 'report'; busy: boolean; error?: InlineError }
  | { name: 'reported' }
  | { name: 'waiting'; availableAt: string }
  | { name: 'notice-report'; notice: string; busy: boolean; error?: InlineError }
  | { name: 'notice-reported'; alreadyReported: boolean }
  | { name: 'ticket-error'; code: TicketErrorCode }
  | { name: 'error'; error: InlineError; retry: () => void };

export type ViewOf<Name extends View['name']> = Extract<View, { name: Name }>;

export interface Page {
  readonly i18n: Translator<MessageKey, EnrollLang>;
  readonly t: Translator<MessageKey, EnrollLang>['t'];
  /** The ticket from the link: in this page's memory and this tab's storage (keepTicket), gone once spent. */
  ticket: string | undefined;
  /** What the server said about the link; kept after the ticket is spent, for the last steps' account line. */
  link: LinkStatus | undefined;
  view: View;
  show(next: View, focus?: string): void;
  /** Says `message` to a screen reader (copied, downloaded) without moving focus. */
  speak(message: string): void;
  /** Opens another link of ours in this tab as if it had been clicked (an ADD link, a pasted link). */
  openLink(ticket: string, report?: boolean): void;
}

/** On a phone the app is on this device: "open it in the app" comes first, the QR code is for another one. */
export const phoneLayout = window.matchMedia('(max-width: 40rem), (pointer: coarse)');

const TICKET_KEY = 'enroll-ticket';

/**
 * The ticket kept for this tab: a phone's browser may drop the tab while the customer is in the
 * authenticator app, and the reload must not lose the link (the address bar no longer has it). In
 * sessionStorage, so it ends with the tab and no other tab or site reads it; removed once spent.
 * `started`: the QR code was shown, so a reload goes straight back to it.
 */
export interface KeptTicket {
  ticket: string;
  started: boolean;
}

export const keptTicket = (): KeptTicket | undefined => {
  try {
    const kept = JSON.parse(sessionStorage.getItem(TICKET_KEY) ?? 'null') as Partial<KeptTicket> | null;
    return typeof kept?.ticket === 'string' && kept.ticket
      ? { ticket: kept.ticket, started: kept.started === true }
      : undefined;
  } catch {
    return undefined;
  }
};

export const keepTicket = (ticket: string, started: boolean) => {
  try {
    sessionStorage.setItem(TICKET_KEY, JSON.stringify({ ticket, started }));
  } catch {
    // Storage refused (private mode, full): the page still works, only a reload loses the link.
  }
};

export const forgetTicket = () => {
  try {
    sessionStorage.removeItem(TICKET_KEY);
  } catch {
    // Nothing was kept.
  }
};

/** Reads the ticket (and the "this wasn't me" flag) and takes both out of the address bar and history. */
export const readFragment = () => {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  if (window.location.hash)
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  const ticket = params.get('ticket')?.trim() || undefined;
  // A notice's own "this wasn't me" link (lib/reset/notice-report.ts): no ticket, nothing to enroll.
  const notice = params.get('notice')?.trim() || undefined;
  return { ticket, report: params.get('report') === '1', notice, lang: params.get('lang') ?? undefined };
};

/** The page for `ticket`, drawing each view with `render`. */
export const createPage = (
  ticket: string | undefined,
  render: (page: Page) => Node,
  openLink: (page: Page, ticket: string, report: boolean) => void,
): Page => {
  const i18n = createTranslator(messages, enrollLanguages);
  const { t } = i18n;
  const main = byId('main');
  const headerTitle = byId('header-title');
  const tools = byId('tools');
  const announcer = byId('announcer');

  const page: Page = {
    i18n,
    t,
    ticket,
    link: undefined,
    view: ticket ? { name: 'checking' } : { name: 'no-ticket' },
    openLink: (next, report = false) => openLink(page, next, report),
    speak: (message) => {
      announcer.textContent = '';
      window.setTimeout(() => (announcer.textContent = message), 50);
    },
    show: (next, focus) => {
      page.view = next;
      const view = next;
      const { link } = page;
      const active =
        document.activeElement instanceof HTMLElement ? document.activeElement.dataset.key : undefined;
      document.title = `${t('documentTitle')} · ${link?.serviceName ?? 'mfa-recovery'}`;
      headerTitle.textContent = link ? `${link.serviceName} · ${t('headerTitle')}` : t('headerTitle');
      clear(
        tools,
        languageSwitch(i18n, () => page.show(page.view, 'lang-switch')),
      );
      clear(main, render(page));
      const key = focus ?? active;
      const target = key ? document.querySelector(`[data-key="${CSS.escape(key)}"]`) : null;
      if (target instanceof HTMLElement && !(target as HTMLButtonElement).disabled) target.focus();
      // Focus scrolled the code input into view; its error just above it must be in view as well.
      if (view.name === 'scan' && view.error)
        document.querySelector('[data-testid="confirm-error"]')?.scrollIntoView({ block: 'nearest' });
    },
  };
  return page;
};
