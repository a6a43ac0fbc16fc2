// A staff action on a customer's case, written once: load what it acts on, check its rule, append its
// audit event and commit its writes in one transaction; a race lost to a concurrent change is answered
// from what is stored now. Each action (cancel, reject, release, keep locked, resend a link) is then
// its rule, its event and its writes.
import type { AuditEventInput, AuditItem } from '../audit/events';
import type { SealedText } from '../audit/sealed-text';
import { commitWithAudit } from '../audit/store';
import type { TransactItem } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import { textSealerFor } from '../customers/text-key';
import { conflict } from '../errors';

export interface Deps {
  clock: Clock;
  random: Random;
}

/** What the action's event, writes and result are built from, on one attempt. */
export interface ActionState<Loaded, Decision> {
  loaded: Loaded;
  /** What the rule returned: whatever it worked out while allowing the action (a count, a limit). */
  decision: Decision;
  now: Date;
}

/**
 * What a lost race answers: `explain` reads again and lets the rule refuse for the state as it is now
 * (CONCURRENT_CHANGE with `message` if it would allow it); `retry` runs the whole action again, up to
 * `attempts` times in all; `refuse` answers CONCURRENT_CHANGE at once.
 */
export type LostRace =
  | { then: 'explain'; message: string }
  | { then: 'retry'; attempts: number; message: string }
  | { then: 'refuse'; message: string };

export interface StaffAction<Loaded, Decision, Result, Reason extends string | undefined> {
  /**
   * The customer whose audit chain records the action and whose key seals the reason. A function when
   * only the loaded item names them: the action is then read once up front, and that read serves the
   * first attempt.
   */
  customerId: string | ((loaded: Loaded) => string);
  /**
   * The staff's free text (a reason, a note) about a person: sealed with the customer's key, so erasure
   * shreds it. Undefined for an action without one (no key is made for it).
   */
  reason: Reason;
  /** Reads what the rule decides on; called again on every attempt, so it reads afresh. */
  load: () => Promise<Loaded>;
  /** The rule: throws the typed refusal, or returns what the event and the writes need. */
  rule: (loaded: Loaded, now: Date) => Decision;
  /** The audit event, with the reason sealed. */
  event: (
    state: ActionState<Loaded, Decision> & { reason: Reason extends string ? SealedText : undefined },
  ) => AuditEventInput;
  /** Events that follow the action's own in the same transaction (a passkey removed by a release). */
  followingEvents?: (state: ActionState<Loaded, Decision>) => AuditEventInput[];
  /** The state change, each write with a condition that states its invariant. */
  writes: (state: ActionState<Loaded, Decision> & { event: AuditItem }) => TransactItem[];
  result: (state: ActionState<Loaded, Decision> & { event: AuditItem }) => Result;
  lostRace: LostRace;
}

/** Our own write failed its condition: someone changed what the action decided on. */
class RaceLost extends Error {}

const attemptOnce = async <Loaded, Decision, Result, Reason extends string | undefined>(
  action: StaffAction<Loaded, Decision, Result, Reason>,
  deps: Deps,
): Promise<Result> => {
  let fresh: Loaded | undefined;
  let customerId: string;
  if (typeof action.customerId === 'string') customerId = action.customerId;
  else {
    fresh = await action.load();
    customerId = action.customerId(fresh);
  }
  const seal = action.reason === undefined ? undefined : await textSealerFor(customerId, deps);
  const { result } = await commitWithAudit(customerId, deps, async (append) => {
    const now = deps.clock.now();
    const loaded = fresh ?? (await action.load());
    fresh = undefined;
    const decision = action.rule(loaded, now);
    const state = { loaded, decision, now };
    const reason = (
      seal && action.reason !== undefined ? seal(action.reason) : undefined
    ) as Reason extends string ? SealedText : undefined;
    const event = append(action.event({ ...state, reason }));
    for (const following of action.followingEvents?.(state) ?? []) append(following);
    return {
      writes: action.writes({ ...state, event }),
      result: action.result({ ...state, event }),
      onConflict: () =>
        action.lostRace.then === 'refuse'
          ? conflict('CONCURRENT_CHANGE', action.lostRace.message)
          : new RaceLost(),
    };
  });
  return result;
};

export const runStaffAction = async <Loaded, Decision, Result, Reason extends string | undefined>(
  action: StaffAction<Loaded, Decision, Result, Reason>,
  deps: Deps,
): Promise<Result> => {
  const { lostRace } = action;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await attemptOnce(action, deps);
    } catch (error) {
      if (!(error instanceof RaceLost)) throw error;
      if (lostRace.then === 'retry' && attempt < lostRace.attempts) continue;
      // Of two parallel actions one wins; the other is told why, from what is stored now.
      if (lostRace.then === 'explain') action.rule(await action.load(), deps.clock.now());
      throw conflict('CONCURRENT_CHANGE', lostRace.message);
    }
  }
};
