// Typed domain errors: lib/ throws these, lib/http/errors.ts maps them to HTTP once.

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
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Seconds a client should wait before retrying (Locked, TooManyRequests, Unavailable). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = `${kind}Error`;
  }
}

export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('Invalid', code, message, details);
export const unauthorized = (code: string, message: string) => new DomainError('Unauthorized', code, message);
export const forbidden = (code: string, message: string) => new DomainError('Forbidden', code, message);
export const notFound = (code: string, message: string) => new DomainError('NotFound', code, message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('Conflict', code, message, details);
export const gone = (code: string, message: string) => new DomainError('Gone', code, message);
export const locked = (code: string, message: string, retryAfterSeconds?: number) =>
  new DomainError('Locked', code, message, undefined, retryAfterSeconds);
export const tooManyRequests = (code: string, message: string, retryAfterSeconds: number) =>
  new DomainError('TooManyRequests', code, message, undefined, retryAfterSeconds);
export const unavailable = (code: string, message: string, retryAfterSeconds = 5) =>
  new DomainError('Unavailable', code, message, undefined, retryAfterSeconds);

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
