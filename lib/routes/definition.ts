// What one route says (method, path, function, auth, schemas, what it touches), and the pieces routes share.
import * as z from '../schema';
import { customerIdSchema } from '../customers/schemas';
import { approvalIdSchema } from '../reset/schemas';
import { verificationIdSchema } from '../verification/schemas';
import type { TableKey } from '../data/tables';
import type { FunctionName } from './functions';
import type { HttpMethod, RouteAuth, ServiceUse, TableAccess } from './types';

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway style path with {param} placeholders. */
  path: string;
  /** Name the function's entry uses to find the operation. */
  operation: string;
  function: FunctionName;
  auth: RouteAuth;
  /** Every route with `{param}` placeholders has one: the handler receives the parameters it parsed. */
  params?: z.ZodMiniType;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  tables?: Partial<Record<TableKey, TableAccess>>;
  services?: readonly ServiceUse[];
  /** Requests that change state with this header are replayed from the idempotency store. */
  idempotencyKey?: 'required' | 'optional';
  /**
   * The success answers by status: the OpenAPI document's responses and what the contract tests check
   * real answers against. Every refusal has the one error shape (lib/http/schemas.ts).
   */
  responses?: Partial<Record<number, z.ZodMiniType>>;
}

export const customerParams = z.strictObject({ customerId: customerIdSchema });
export const verificationParams = z.strictObject({ verificationId: verificationIdSchema });
export const approvalParams = z.strictObject({ approvalId: approvalIdSchema });

// An audit event that calls for an email commits with its outbox marker in Notifications (lib/notify/ledger.ts);
// one that changes the authentication state, with its marker in EventPublications (lib/events/publications.ts).
export const appendAudit = {
  auditEvents: 'append',
  notifications: 'append',
  eventPublications: 'append',
} as const;

export const staff = { type: 'jwt', groups: ['helpdesk', 'admin'] } as const;
export const adminOnly = { type: 'jwt', groups: ['admin'] } as const;
export const securityOnly = { type: 'jwt', groups: ['security'] } as const;
// Security officers review a case's trail too (the recovery-lock queue links to it).
export const staffAndSecurity = { type: 'jwt', groups: ['helpdesk', 'admin', 'security'] } as const;
