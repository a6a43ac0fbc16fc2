// What one route says (method, path, function, auth, schemas, what it touches), and the pieces routes
// share: the vocabulary of every concept's api.ts. Plain data below the concepts; lib/routes joins the
// entries into the one table and checks each function's name against lib/routes/functions.ts.
import type { TableKey } from './data/tables';
import * as z from './schema';
import type { StaffGroup } from './staff/groups';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type RouteAuth =
  | { type: 'none' }
  /** Cognito JWT checked by API Gateway; the handler then checks the groups. */
  | { type: 'jwt'; groups: readonly StaffGroup[] }
  /** SigV4 checked by API Gateway (the login service's role); locally a token with group `service`. */
  | { type: 'iam' };

/**
 * read: Get/Query/BatchGet. readWrite: also Put/Update. readWriteDelete: also Delete (only where items
 * are deleted). append: read and Put, which the code always conditions on the item not existing.
 * queryDelete: Query (to find items through an index) and Delete, nothing else: erasure.
 */
export type TableAccess = 'read' | 'readWrite' | 'readWriteDelete' | 'append' | 'queryDelete';
/**
 * sealSecrets: a new data key for a TOTP secret or a customer's audit-text key (KMS GenerateDataKey);
 * openSecrets: unwrap one (Decrypt).
 * auditExport: export the AuditEvents table to the audit bucket, read and write it, sign digests with the digest key.
 * publishEvents: put events on the recovery event bus (EventBridge PutEvents): the event publisher only.
 */
export type ServiceUse =
  'sendEmail' | 'sealSecrets' | 'openSecrets' | 'answerHashKey' | 'auditExport' | 'publishEvents';

export interface RouteEntry {
  method: HttpMethod;
  /** API Gateway style path with {param} placeholders. */
  path: string;
  /** Name the function's entry uses to find the operation. */
  operation: string;
  /** The Lambda that answers it (lib/routes/functions.ts; the table refuses a name not there). */
  function: string;
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

/** Why a member of staff acts, in their words: sealed into the action's audit event. */
export const staffReasonText = z.singleLine(3, 500);

/** The body of a staff action whose only input is why (reject, cancel, reset limits, end a wait). */
export const staffReasonSchema = z.strictObject({ reason: staffReasonText });
