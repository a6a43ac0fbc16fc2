// Helpdesk console: sign in, find a customer, verify the caller by the manual's checklist, and (for
// admins) disable 2FA and approve disables. Plain DOM; every view renders from state, and focus
// returns to the control it was on so the keyboard never loses its place.
import { api, ApiError } from '../shared/api';
import { byId, clear, h } from '../shared/dom';
import { createTranslator, languageSwitch } from '../shared/i18n';
import {
  beginHostedSignIn,
  completeHostedSignIn,
  currentSession,
  forgetEverything,
  isAdmin,
  isSecurityOfficer,
  signOut,
  type Session,
  type StaffGroup,
} from './auth';
import { localClock, localTime } from './audit-sentences';
import { errorInfoFor, type Ctx, type MessageKey } from './context';
import { requestTarget, type AnswerOf, type ConsoleCall, type RequestArgs } from './operations';
import { messages } from './messages';
import { parseConsoleConfig, type ConsoleRuntimeConfig } from './runtime-config';
import { approvalsNavLink, pendingApprovals, refreshPendingApprovals } from './pending-count';
import { dropAllViewState } from './view-state';
import { approvalsView } from './views/approvals';
import { caseRecordView } from './views/case-record';
import { customerView } from './views/customer';
import { searchView } from './views/search';
import { securityCaseView } from './views/security-case';
import { readsProfiles, securityNavLink, securityOnlyView, securityQueueView } from './views/security-queue';
import { signInView } from './views/sign-in';

// Every time on every screen in one format with its zone (the audit table's), since the mails say
// "Nederlandse tijd" and staff may sit elsewhere: the page's own formats take the translator's place.
const pageTranslator = createTranslator(messages);
const i18n: typeof pageTranslator = Object.create(pageTranslator, {
  dateTime: { value: (iso: string) => localTime(pageTranslator.lang, iso) },
  time: { value: (iso: string) => localClock(pageTranslator.lang, iso) },
});
const { t } = i18n;
const header = byId('header');
const main = byId('main');
const announcer = byId('announcer');
const alerter = byId('alerter');

let config: ConsoleRuntimeConfig | undefined;
let configBroken = false;
let session: Session | undefined;
let signInNotice: string | undefined;
let renderedRoute: string | undefined;
/** A new route's heading gets focus once it is there (a customer's page renders it after loading). */
let routeFocusPending = false;

type Route =
  | { name: 'search' }
  | { name: 'customer'; customerId: string }
  | { name: 'approvals' }
  | { name: 'caseRecord'; verificationId: string }
  | { name: 'security' }
  | { name: 'securityCase'; customerId: string };

/** An address typed or pasted by hand may hold a malformed escape: kept as typed, the API then refuses it. */
const pathSegment = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

const currentRoute = (): Route => {
  const path = window.location.hash.replace(/^#/, '');
  // `#customer=<id>` is the link in the security alert and review mails (lib/notify/notifier.ts).
  const customer = /^\/customers\/([^/?]+)$/.exec(path) ?? /^customer=([^&/?]+)$/.exec(path);
  if (customer?.[1]) return { name: 'customer', customerId: pathSegment(customer[1]) };
  if (path === '/approvals') return { name: 'approvals' };
  const caseRecord = /^\/cases\/([^/?]+)\/print$/.exec(path);
  if (caseRecord?.[1]) return { name: 'caseRecord', verificationId: pathSegment(caseRecord[1]) };
  if (path === '/security') return { name: 'security' };
  const securityCase = /^\/security\/([^/?]+)$/.exec(path);
  if (securityCase?.[1]) return { name: 'securityCase', customerId: pathSegment(securityCase[1]) };
  return { name: 'search' };
};

/** Live regions are emptied first, so the same sentence twice is read out twice. */
const speak = (region: HTMLElement, message: string) => {
  region.textContent = '';
  window.setTimeout(() => (region.textContent = message), 50);
};

/** The person at the console leaves (signs out, or their session ends): nothing of theirs stays. */
const personLeaves = () => {
  session = undefined;
  signInNotice = undefined;
  renderedRoute = undefined;
  dropAllViewState();
  forgetEverything();
  announcer.textContent = '';
  alerter.textContent = '';
};

const expire = () => {
  personLeaves();
  signInNotice = t('sessionExpired');
  render();
};

const ctx = (): Ctx | undefined =>
  session && {
    i18n,
    session,
    request: async <Key extends ConsoleCall>(key: Key, ...[options]: RequestArgs<Key>) => {
      const { params, query, body, headers } = (options ?? {}) as {
        params?: Record<string, string>;
        query?: Record<string, string | number | boolean | undefined>;
        body?: unknown;
        headers?: Record<string, string>;
      };
      const { method, path } = requestTarget(key, params, query);
      // The person is gone: the action ends here, with nothing written back into the views.
      if (!currentSession()) {
        expire();
        return new Promise<never>(() => undefined);
      }
      const caller = session;
      const ended = () => session !== caller;
      try {
        const response = await api<AnswerOf<Key>>(method, path, { body, headers, token: caller?.token });
        // An answer for someone who has left lands nowhere: the promise never settles.
        if (ended()) return new Promise<never>(() => undefined);
        return response;
      } catch (error) {
        if (ended()) return new Promise<never>(() => undefined);
        if (error instanceof ApiError && error.status === 401) expire();
        throw error;
      }
    },
    render: (focus) => render(focus),
    announce: (message) => speak(announcer, message),
    alert: (message) => speak(alerter, message),
    errorInfo: errorInfoFor(i18n),
  };

const roleWords: Record<StaffGroup, MessageKey> = {
  helpdesk: 'roleHelpdesk',
  admin: 'roleAdmin',
  security: 'roleSecurity',
};

const navLink = (href: string, label: string, current: boolean) =>
  h('a', { href, 'aria-current': current ? 'page' : undefined, text: label });

const renderHeader = (route: Route) => {
  const roles = session?.groups.map((group) => t(roleWords[group])).join(', ');
  clear(
    header,
    h('a', {
      class: 'skip-link',
      href: '#main',
      text: t('skipToContent'),
      on: {
        click: (event) => {
          // The hash is the console's router: move focus without navigating.
          event.preventDefault();
          main.focus();
        },
      },
    }),
    h('h1', { text: t('appTitle') }),
    session && session.groups.length
      ? h(
          'nav',
          { 'aria-label': t('mainNav') },
          readsProfiles(session)
            ? navLink('#/', t('navSearch'), route.name === 'search' || route.name === 'customer')
            : null,
          isAdmin(session) ? approvalsNavLink(i18n, route.name === 'approvals') : null,
          (() => {
            const context = ctx();
            return context && isSecurityOfficer(session)
              ? securityNavLink(context, route.name === 'security' || route.name === 'securityCase')
              : null;
          })(),
        )
      : null,
    h(
      'div',
      { class: 'toolbar' },
      session
        ? h('span', {
            class: 'who',
            'data-testid': 'signed-in-as',
            text: t('signedInAs', { name: session.name, roles: roles || '—' }),
          })
        : null,
      languageSwitch(i18n, () => render('lang-switch')),
      session
        ? h('button', {
            type: 'button',
            class: 'secondary',
            'data-key': 'sign-out',
            text: t('signOut'),
            on: {
              click: () => {
                personLeaves();
                render();
                if (config) signOut(config.auth);
              },
            },
          })
        : null,
    ),
  );
};

const viewFor = (route: Route, fresh: boolean): Node => {
  if (configBroken)
    return h('section', { class: 'card' }, h('p', { class: 'notice notice-error', text: t('configBroken') }));
  if (!config) return h('p', { class: 'muted', text: t('loading') });
  if (!session)
    return signInView(i18n, config.auth, signInNotice, () => {
      if (config) void beginHostedSignIn(config.auth);
    });
  const context = ctx();
  if (!context || session.groups.length === 0)
    return h('section', { class: 'card' }, h('p', { class: 'notice notice-error', text: t('noStaffRole') }));
  // An officer without a helpdesk or admin role reads customers through their recovery-lock case.
  const officerOnly = isSecurityOfficer(session) && !readsProfiles(session);
  switch (route.name) {
    case 'customer':
      return officerOnly
        ? securityCaseView(context, route.customerId, fresh)
        : customerView(context, route.customerId);
    case 'approvals':
      return isAdmin(session) ? approvalsView(context, fresh) : searchView(context);
    case 'caseRecord':
      return caseRecordView(context, route.verificationId, fresh);
    case 'security':
      return isSecurityOfficer(session) ? securityQueueView(context, fresh) : securityOnlyView(context);
    case 'securityCase':
      return isSecurityOfficer(session)
        ? securityCaseView(context, route.customerId, fresh)
        : customerView(context, route.customerId);
    case 'search':
      return officerOnly ? securityQueueView(context, fresh) : searchView(context);
  }
};

const focusable = (element: Element | null): element is HTMLElement =>
  element instanceof HTMLElement && !(element as HTMLButtonElement).disabled;

function render(focus?: string) {
  // An admin's start page is their queue: the console opened without a page (the search is `#/`).
  if (session && isAdmin(session) && window.location.hash === '')
    history.replaceState(null, '', '#/approvals');
  const active = document.activeElement;
  const activeKey = active instanceof HTMLElement ? active.dataset.key : undefined;
  const route = currentRoute();
  const routeKey = `${session ? 'in' : 'out'}:${window.location.hash}`;
  const fresh = routeKey !== renderedRoute;
  renderedRoute = routeKey;
  if (fresh) {
    routeFocusPending = true;
    // What was said on the last page belongs to it (a screen reader's review, a notice left behind).
    announcer.textContent = '';
    alerter.textContent = '';
  }
  const context = fresh && session && isAdmin(session) ? ctx() : undefined;
  if (context) void refreshPendingApprovals(context);
  document.title = `${t('appTitle')} · mfa-recovery`;
  renderHeader(route);
  clear(main, viewFor(route, fresh));
  // A new route starts at its heading unless an action asked for a control.
  const key = focus ?? (fresh ? undefined : activeKey);
  const target = key ? document.querySelector(`[data-key="${CSS.escape(key)}"]`) : null;
  if (focusable(target)) {
    target.focus();
    if (target instanceof HTMLInputElement && ['text', 'search'].includes(target.type))
      target.setSelectionRange(target.value.length, target.value.length);
    routeFocusPending = false;
  } else if (routeFocusPending && (fresh || !main.contains(document.activeElement))) {
    const heading = main.querySelector('[data-route-focus]');
    if (heading instanceof HTMLElement) {
      heading.focus();
      routeFocusPending = false;
    }
  }
}

const boot = async () => {
  try {
    const response = await fetch('config.json', { cache: 'no-store', credentials: 'omit' });
    config = parseConsoleConfig(await response.json());
  } catch {
    configBroken = true;
  }
  let signedInNow = false;
  if (config) {
    try {
      const signedIn = await completeHostedSignIn(config.auth);
      signedInNow = signedIn !== undefined;
      session = signedIn ?? currentSession();
    } catch {
      forgetEverything();
      signInNotice = t('signInFailed');
    }
  }
  window.addEventListener('hashchange', () => render());
  pendingApprovals.onChange(() => render());
  // Back to this page from the history cache while someone else (or no one) is signed in in the
  // tab now: the page forgets what it showed and takes the tab's current session.
  window.addEventListener('pageshow', (event) => {
    const now = currentSession();
    if (!event.persisted || now?.token === session?.token) return;
    dropAllViewState();
    session = now;
    signInNotice = undefined;
    renderedRoute = undefined;
    render();
  });
  // Just back from the sign-in page on the start page: the search is what comes next, so it has focus
  // (an officer's start page has no search: the heading then).
  render(signedInNow && currentRoute().name === 'search' ? 'search-input' : undefined);
};

void boot();
