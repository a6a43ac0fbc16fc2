// The OCSF events themselves, without AWS: each authentication-state change maps to a real Account
// Change activity of the vendored OCSF 1.1.0 class, validates against it, and carries ids only; the
// validator refuses what the class does not allow; the login service's parser ends sessions on a disable.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountChangeActivities } from '../../lib/audit/account-changes';
import {
  accountChangeOf,
  auditEventTypes,
  type AuditEventType,
  type AuditItem,
} from '../../lib/audit/events';
import { accountChangeEvent } from '../../lib/events/account-change';
import { accountChangeDefinition, accountChangeProblems } from '../../lib/events/ocsf/validate';
import {
  EVENT_DETAIL_TYPE,
  EVENT_SOURCE,
  parseRecoveryEvent,
  sessionsToEnd,
} from '../../clients/login-service/src/index';
import { repoRoot } from '../../tooling/repo-root';

const audit = (type: AuditEventType, extra: Partial<AuditItem> = {}): AuditItem => ({
  subject: 'customer#cust-1001',
  seq: 7,
  eventId: '01JEVENT0000000000000000001',
  type,
  at: '2026-12-07T10:15:00.000Z',
  actorType: 'admin',
  actorId: 'admin-anna',
  customerId: 'cust-1001',
  caseId: 'ver-1',
  // What audit details may hold about a customer; none of it belongs on the bus.
  details: { email: 'jan.devries@voltpark.nl', fullName: 'Jan de Vries', reason: 'lost phone' },
  prevHash: 'x',
  hash: 'y',
  ...extra,
});

const published = auditEventTypes.filter((type) => accountChangeOf(type));
const enveloped = (detail: unknown, source = EVENT_SOURCE) => ({
  version: '0',
  id: 'e-1',
  'detail-type': EVENT_DETAIL_TYPE,
  source,
  account: '123456789012',
  time: '2026-12-07T10:15:00Z',
  region: 'eu-west-1',
  resources: [],
  detail,
});

describe('the audit events published as OCSF Account Change', () => {
  it('are the changes of the authentication state the issue names, and nothing else', () => {
    expect([...published].sort()).toEqual(
      [
        'AUTHENTICATOR_ADDED',
        'AUTHENTICATOR_REPLACED',
        'BACKUP_CODES_REGENERATED',
        'CUSTOMER_ERASED',
        'RECOVERY_LOCK_RELEASED',
        'RECOVERY_DELAY_ENDED',
        'PASSKEY_REGISTERED',
        'PASSKEY_REMOVED',
        'TWO_FA_DISABLED',
        'TWO_FA_ENABLED',
        'TWO_FA_LOCKED',
        'UNAUTHORIZED_RESET_REPORTED',
      ].sort(),
    );
    expect(accountChangeEvent(audit('VERIFICATION_STARTED'), 'HD-1')).toBeUndefined();
  });

  it('use the activity ids and names of the vendored OCSF class', () => {
    const enumeration = accountChangeDefinition.attributes.activity_id?.enum ?? {};
    for (const activity of Object.values(accountChangeActivities))
      expect(enumeration[String(activity.id)]).toBe(activity.name);
    expect(accountChangeDefinition).toMatchObject({ uid: 3001, category_uid: 3, version: '1.1.0' });
    expect(accountChangeActivities.MFA_FACTOR_DISABLE.id).toBe(11);
    expect(accountChangeActivities.MFA_FACTOR_ENABLE.id).toBe(10);
    expect(accountChangeActivities.LOCK.id).toBe(9);
  });

  it.each(published)(
    '%s validates, names the customer by id only and refers to the case and the audit event',
    (type) => {
      const event = accountChangeEvent(audit(type), 'HD-7K2M-9QXR');
      expect(accountChangeProblems(event)).toEqual([]);
      expect(event?.user).toEqual({ uid: 'cust-1001', type_id: 1, type: 'User' });
      expect(event?.metadata).toMatchObject({
        uid: '01JEVENT0000000000000000001',
        correlation_uid: 'HD-7K2M-9QXR',
        sequence: 7,
        event_code: type,
        version: '1.1.0',
      });
      expect(event?.time).toBe(Date.parse('2026-12-07T10:15:00.000Z'));
      const text = JSON.stringify(event);
      for (const personal of ['@', 'Jan', 'Vries', 'voltpark', 'lost phone'])
        expect(text).not.toContain(personal);
    },
  );

  it('names a service or job as the application, staff and customers as users', () => {
    expect(
      accountChangeEvent(
        audit('TWO_FA_LOCKED', { actorType: 'service', actorId: 'login-service' }),
        undefined,
      ),
    ).toMatchObject({ actor: { app_name: 'login-service' } });
    const withoutCase = accountChangeEvent(
      audit('TWO_FA_ENABLED', { actorType: 'customer', actorId: 'cust-1001' }),
      undefined,
    );
    expect(withoutCase?.actor).toEqual({ user: { uid: 'cust-1001', type: 'customer' } });
    expect(withoutCase?.metadata.correlation_uid).toBeUndefined();
    expect(accountChangeProblems(withoutCase)).toEqual([]);
  });
});

describe('the validator of the vendored class', () => {
  const valid = () =>
    JSON.parse(JSON.stringify(accountChangeEvent(audit('TWO_FA_DISABLED'), 'HD-1'))) as Record<string, any>;

  it('refuses a missing required attribute, an attribute the class lacks, a value outside an enum, a wrong type', () => {
    const missing = valid();
    delete missing.user;
    expect(accountChangeProblems(missing)).toContain('user: required, missing');
    const email = valid();
    email.user.email_addr = 'jan@voltpark.nl';
    expect(accountChangeProblems(email)).toContain('user.email_addr: not an attribute of user');
    const activity = valid();
    activity.activity_id = 12;
    activity.type_uid = 300112;
    expect(accountChangeProblems(activity)).toEqual([
      "activity_id: 12 is not one of the class's values",
      "type_uid: 300112 is not one of the class's values",
    ]);
    const time = valid();
    time.time = '2026-12-07T10:15:00Z';
    expect(accountChangeProblems(time)).toEqual(['time: not a timestamp in milliseconds']);
    const product = valid();
    delete product.metadata.product.vendor_name;
    expect(accountChangeProblems(product)).toEqual(['metadata.product.vendor_name: required, missing']);
    const typeUid = valid();
    typeUid.type_uid = 300110;
    expect(accountChangeProblems(typeUid)).toEqual(['type_uid: not class_uid * 100 + activity_id']);
    expect(accountChangeProblems(valid())).toEqual([]);
  });
});

describe("the login service's parser", () => {
  it('ends the sessions on MFA Factor Disable, with the customer id and the audit event id to deduplicate on', () => {
    const disable = enveloped(accountChangeEvent(audit('TWO_FA_DISABLED'), 'HD-7K2M-9QXR'));
    expect(sessionsToEnd(disable)).toEqual({
      customerId: 'cust-1001',
      eventId: '01JEVENT0000000000000000001',
      at: '2026-12-07T10:15:00.000Z',
      caseNumber: 'HD-7K2M-9QXR',
    });
    expect(parseRecoveryEvent(disable).detail.activity_name).toBe('MFA Factor Disable');
  });

  it('leaves the sessions on any other change, and refuses an event that is not ours', () => {
    // A removed passkey is a factor disabled too (it happens only with a reset or a release).
    const ending = new Set(['TWO_FA_DISABLED', 'PASSKEY_REMOVED']);
    for (const type of published.filter((type) => !ending.has(type)))
      expect(sessionsToEnd(enveloped(accountChangeEvent(audit(type), undefined)))).toBeUndefined();
    expect(sessionsToEnd(enveloped(accountChangeEvent(audit('PASSKEY_REMOVED'), undefined)))).toBeDefined();
    expect(() =>
      sessionsToEnd(enveloped(accountChangeEvent(audit('TWO_FA_DISABLED'), undefined), 'someone.else')),
    ).toThrow();
    expect(() => sessionsToEnd(enveloped({ activity_id: 11 }))).toThrow();
  });
});

describe("the login service's rule in docs/recovery-events.md", () => {
  it('matches the MFA Factor Disable events this service publishes, and no other', () => {
    const page = readFileSync(join(repoRoot(), 'docs', 'recovery-events.md'), 'utf8');
    const block = /Its rule on the bus[\s\S]*?```json\n([\s\S]*?)```/.exec(page)?.[1];
    if (!block) throw new Error('docs/recovery-events.md shows no rule pattern after "Its rule on the bus"');
    const pattern = JSON.parse(block) as {
      source: string[];
      'detail-type': string[];
      detail: { class_uid: number[]; activity_id: number[] };
    };
    // EventBridge's matching for this pattern's shape: each field's value is one of the listed.
    const matches = (event: ReturnType<typeof enveloped>) => {
      const detail = event.detail as { class_uid: number; activity_id: number };
      return (
        pattern.source.includes(event.source) &&
        pattern['detail-type'].includes(event['detail-type']) &&
        pattern.detail.class_uid.includes(detail.class_uid) &&
        pattern.detail.activity_id.includes(detail.activity_id)
      );
    };
    for (const type of published)
      expect([type, matches(enveloped(accountChangeEvent(audit(type), undefined)))]).toEqual([
        type,
        type === 'TWO_FA_DISABLED' || type === 'PASSKEY_REMOVED',
      ]);
  });
});
