// Find a customer by email or name (the manual's "Zoek de klant op via email of naam").
import { h, uid } from '../../shared/dom';
import type { AnswerOf } from '../operations';
import { errorBlock, type Ctx, type ErrorInfo } from '../context';
import { dropOnSignOut } from '../view-state';

type SearchHit = AnswerOf<'POST /admin/customers/search'>['customers'][number];

interface SearchState {
  query: string;
  /** The query the results belong to. */
  searched?: string;
  results: SearchHit[];
  nextCursor: string | null;
  busy: boolean;
  error?: ErrorInfo;
}

const emptySearch = (): SearchState => ({ query: '', results: [], nextCursor: null, busy: false });
let state = emptySearch();
dropOnSignOut(() => (state = emptySearch()));

/** The 2FA badge; a lock says why ("melding klant" is not "te veel foute codes"). */
export const twoFactorBadge = (ctx: Ctx, state: Pick<SearchHit, 'twoFactor' | 'lockReason'>) =>
  h('span', {
    class: `badge badge-${state.twoFactor.toLowerCase()}`,
    'data-testid': 'two-factor-status',
    'data-status': state.twoFactor,
    ...(state.lockReason ? { 'data-lock-reason': state.lockReason } : {}),
    text: ctx.i18n.t(
      state.twoFactor === 'LOCKED' && state.lockReason
        ? `tf_LOCKED_${state.lockReason}`
        : `tf_${state.twoFactor}`,
    ),
  });

const runSearch = async (ctx: Ctx, more: boolean) => {
  const query = more ? (state.searched ?? '') : state.query.trim();
  if (!query) return;
  state.busy = true;
  state.error = undefined;
  ctx.render(more ? 'search-more' : 'search-input');
  try {
    // In the body, not the URL: CloudFront's access logs keep a URL's query string.
    const response = await ctx.request('POST /admin/customers/search', {
      body: { query, limit: 20, ...(more && state.nextCursor ? { cursor: state.nextCursor } : {}) },
    });
    state.results = more ? [...state.results, ...response.body.customers] : response.body.customers;
    state.nextCursor = response.body.nextCursor;
    state.searched = query;
    const count = state.results.length;
    ctx.announce(
      count === 0
        ? ctx.i18n.t('searchNone', { query })
        : count === 1
          ? ctx.i18n.t('searchCountOne')
          : ctx.i18n.t('searchCountMany', { count }),
    );
  } catch (error) {
    state.error = ctx.errorInfo(error);
    // A refused new search (too short, say) must not leave the previous query's customers on screen
    // under its message, where they read as this query's results.
    if (!more) Object.assign(state, { results: [], nextCursor: null, searched: undefined });
    ctx.alert(state.error.text);
  } finally {
    state.busy = false;
    ctx.render(more ? 'search-more' : 'search-input');
  }
};

const resultsTable = (ctx: Ctx) => {
  const { t } = ctx.i18n;
  if (state.searched === undefined) return null;
  if (state.results.length === 0)
    return h('p', { 'data-testid': 'search-empty', text: t('searchNone', { query: state.searched }) });
  return h(
    'div',
    { class: 'table-wrap' },
    // Which query these are, so results never read as those of what is typed now.
    h('p', {
      class: 'muted',
      'data-testid': 'search-for',
      text: t('searchResultsFor', { query: state.searched }),
    }),
    h(
      'table',
      { 'data-testid': 'search-results' },
      h('caption', { class: 'visually-hidden', text: t('searchResults') }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', text: t('colName') }),
          h('th', { scope: 'col', text: t('colEmail') }),
          h('th', { scope: 'col', text: t('colCompany') }),
          h('th', { scope: 'col', text: t('colTwoFactor') }),
        ),
      ),
      h(
        'tbody',
        {},
        ...state.results.map((hit) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              h('a', { href: `#/customers/${encodeURIComponent(hit.customerId)}`, text: hit.fullName }),
              hit.matchedCase
                ? h('div', {
                    class: 'muted small mono',
                    'data-testid': 'matched-case',
                    text: t('searchCaseFound', { caseNumber: hit.matchedCase.caseNumber }),
                  })
                : null,
            ),
            h('td', { text: hit.email }),
            h('td', { text: hit.companyName ?? t('none') }),
            h('td', {}, twoFactorBadge(ctx, hit)),
          ),
        ),
      ),
    ),
  );
};

export const searchView = (ctx: Ctx) => {
  const { t } = ctx.i18n;
  const inputId = uid('search');
  const hintId = uid('search-hint');
  return h(
    'section',
    { class: 'card' },
    h('h2', { tabindex: -1, 'data-route-focus': true, text: t('searchTitle') }),
    h(
      'form',
      {
        role: 'search',
        class: 'inline-form',
        on: {
          submit: (event) => {
            event.preventDefault();
            void runSearch(ctx, false);
          },
        },
      },
      h(
        'div',
        { class: 'grow' },
        h('label', { for: inputId, text: t('searchLabel') }),
        h('input', {
          id: inputId,
          type: 'search',
          name: 'query',
          value: state.query,
          autocomplete: 'off',
          spellcheck: 'false',
          'aria-describedby': hintId,
          'data-key': 'search-input',
          on: { input: (event) => (state.query = (event.target as HTMLInputElement).value) },
        }),
        h('p', { id: hintId, class: 'hint', text: `${t('searchHint')} ${t('searchHintCase')}` }),
      ),
      h('button', { type: 'submit', disabled: state.busy, text: t('searchButton') }),
    ),
    errorBlock(ctx, state.error),
    resultsTable(ctx),
    state.nextCursor
      ? h('button', {
          type: 'button',
          class: 'secondary',
          'data-key': 'search-more',
          disabled: state.busy,
          text: t('searchMore'),
          on: { click: () => void runSearch(ctx, true) },
        })
      : null,
  );
};
