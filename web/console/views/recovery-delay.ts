// A reset's waiting period in the console: the countdown and who may cut it short, in the customer's
// profile for the helpdesk and in the security officer's case, where an officer who took no part in the
// reset ends it with a reason. The API decides who may; refusals show beside the form.
import { h } from '../../shared/dom';
import type { CustomerProfile } from '../../../lib/staff-views/api';
import type { RecoveryLockCase } from '../../../lib/security/api';
import { fact, type Ctx } from '../context';
import {
  reasonedActionForm,
  reasonedOutcome,
  type ActionTarget,
  type ReasonedAction,
  type ReasonedForms,
} from './reasoned-action';

type Delay = NonNullable<RecoveryLockCase['recoveryDelay']>;
// One schema on both routes: the profile's and the officer's case's wait are the same shape.
type ProfileDelay = CustomerProfile['customer']['recoveryDelay'];
const sameShape: ProfileDelay extends Delay | null ? true : never = true;
void sameShape;

/** "23 h 59 min" until the link opens, as of this render (every load reads the stored end again). */
const timeLeft = (ctx: Ctx, availableAt: string) => {
  const minutes = Math.max(0, Math.ceil((new Date(availableAt).getTime() - Date.now()) / 60_000));
  return ctx.i18n.t('delayLeftValue', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
};

const staffNames = (delay: Delay) =>
  [...new Set([delay.staff.verifiedBy, delay.staff.requestedBy, delay.staff.approvedBy])].filter(
    (id): id is string => id !== null,
  );

/** The countdown, why it waits and who may end it: the same facts for the helpdesk and the officer. */
export const delayFacts = (ctx: Ctx, delay: Delay) => {
  const { t } = ctx.i18n;
  const names = staffNames(delay);
  return [
    h(
      'dl',
      { class: 'facts' },
      fact(
        t('delayOpensAt'),
        h('span', { 'data-testid': 'delay-opens-at', text: ctx.i18n.dateTime(delay.availableAt) }),
      ),
      fact(
        t('delayLeft'),
        h('span', { 'data-testid': 'delay-left', text: timeLeft(ctx, delay.availableAt) }),
      ),
      fact(t('delayWhy'), t(`delayReason_${delay.reason}`)),
      fact(
        t('delayWho'),
        h('span', {
          'data-testid': 'delay-who',
          text: names.length ? t('delayWhoValue', { staff: names.join(', ') }) : t('delayWhoNobody'),
        }),
      ),
    ),
    h('p', { class: 'muted small', text: t('delayExplain') }),
  ];
};

/** In the customer's profile: the wait, while it runs. */
export const delayNotice = (ctx: Ctx, delay: ProfileDelay) =>
  delay
    ? h(
        'section',
        { class: 'card card-warn', 'data-testid': 'recovery-delay' },
        h('h3', { text: ctx.i18n.t('delayTitle') }),
        ...delayFacts(ctx, delay),
      )
    : null;

/** The end of the wait by an officer, with a reason, confirmed first. */
const delayEnd: ReasonedAction = {
  key: 'delay-end',
  send: (ctx, customerId, reason) =>
    ctx.request('POST /security/customers/{customerId}/recovery-delay/end', {
      params: { customerId },
      body: { reason },
    }),
  label: 'delayEndReason',
  hint: 'delayEndHint',
  button: 'delayEndButton',
  done: 'delayEnded',
  confirm: { title: 'confirmDelayEndTitle', body: 'confirmDelayEndBody', yes: 'confirmDelayEndYes' },
};

/** In the officer's case: the wait and its end, with a reason; the outcome once it is ended. */
export const delayCard = (ctx: Ctx, data: RecoveryLockCase, forms: ReasonedForms, target: ActionTarget) => {
  const { t } = ctx.i18n;
  const delay = data.recoveryDelay;
  const outcome = reasonedOutcome(ctx, delayEnd, forms);
  if (!delay && !outcome) return null;
  return h(
    'section',
    { class: 'card', 'data-testid': 'recovery-delay' },
    h('h3', { text: t('delayTitle') }),
    outcome,
    delay ? reasonedActionForm(ctx, delayEnd, forms, target, ...delayFacts(ctx, delay)) : null,
  );
};
