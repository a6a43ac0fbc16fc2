// Velocity windows, pure: which counter items hold the last 60 minutes of a staff member's disables or
// passes (or all admins' disables), and how many fall inside them. The store keeps them in DynamoDB.
import { epochSeconds } from '../clock';

/** What a window counts: one admin's disables, all admins' disables, one agent's passed sessions. */
export type WindowKind = 'ADMIN_DISABLES' | 'ALL_DISABLES' | 'AGENT_PASSES';

/** A window: its kind and, except for all admins together, the staff id it is about (never a customer). */
export type WindowRef =
  { kind: 'ALL_DISABLES' } | { kind: 'ADMIN_DISABLES' | 'AGENT_PASSES'; staffId: string };

export const WINDOW_MS = 60 * 60_000;

/**
 * One item per window per clock hour (UTC), holding the time of every counted act in that hour. The
 * last 60 minutes always lie in the current and the previous hour's item, so the count is exact: no
 * fixed-bucket edge where twice the limit gets through.
 */
export interface WindowItem {
  counterId: string;
  /** Epoch milliseconds of each act, in the order they committed. */
  times: number[];
  /** Raised by every write: a claim holds only if nothing was counted since it read the item. */
  version: number;
  /** The item is read for 60 minutes after its hour ends; DynamoDB's TTL removes it an hour later still. */
  expiresAtEpoch: number;
}

const hourOf = (at: Date) => at.toISOString().slice(0, 13);

const counterId = (ref: WindowRef, hour: string) =>
  ref.kind === 'ALL_DISABLES' ? `${ref.kind}#${hour}` : `${ref.kind}#${ref.staffId}#${hour}`;

/** The current hour's item (where an act at `now` is counted) and the previous hour's. */
export const windowItemIds = (ref: WindowRef, now: Date): { current: string; previous: string } => ({
  current: counterId(ref, hourOf(now)),
  previous: counterId(ref, hourOf(new Date(now.getTime() - WINDOW_MS))),
});

/** When the current hour's item may go: two hours after its hour ends. */
export const expiryOf = (now: Date) => {
  const hourStart = new Date(`${hourOf(now)}:00:00.000Z`);
  return epochSeconds(new Date(hourStart.getTime() + 3 * WINDOW_MS));
};

/**
 * Acts in the 60 minutes up to `now`: later than exactly one hour ago. One stamped after now (another
 * container's clock a little ahead) counts too: skew may only make the limit stricter.
 */
export const countInWindow = (times: readonly number[], now: Date) => {
  const from = now.getTime() - WINDOW_MS;
  return times.filter((at) => at > from).length;
};
