// Typed domain errors: lib/ throws these, lib/http/errors.ts maps them to HTTP once.
import type { ErrorCode } from './error-codes';

export type { ErrorCode } from './error-codes';

export type DomainErrorKind =
  | 'Invalid'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'Conflict'
  | 'Gone'
  | 'PayloadTooLarge'
  | 'Locked'
  | 'TooManyRequests'
  | 'Unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Seconds a client should wait before retrying (Locked, TooManyRequests, Unavailable). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = `${kind}Error`;
  }
}

export const invalid = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new DomainError('Invalid', code, message, details);
export const unauthorized = (code: ErrorCode, message: string) =>
  new DomainError('Unauthorized', code, message);
export const forbidden = (code: ErrorCode, message: string) => new DomainError('Forbidden', code, message);
export const notFound = (code: ErrorCode, message: string) => new DomainError('NotFound', code, message);
export const conflict = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new DomainError('Conflict', code, message, details);
export const gone = (code: ErrorCode, message: string) => new DomainError('Gone', code, message);
export const locked = (code: ErrorCode, message: string, retryAfterSeconds?: number) =>
  new DomainError('Locked', code, message, undefined, retryAfterSeconds);
export const tooManyRequests = (code: ErrorCode, message: string, retryAfterSeconds: number) =>
  new DomainError('TooManyRequests', code, message, undefined, retryAfterSeconds);
export const unavailable = (code: ErrorCode, message: string, retryAfterSeconds = 5) =>
  new DomainError('Unavailable', code, message, undefined, retryAfterSeconds);

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
