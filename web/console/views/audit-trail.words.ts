// The words of the audit trail view (views/audit-trail.ts), every console language side by side.
import type { Words } from '../locales';

export const auditTrailWords = {
  recentEvents: { nl: 'Audit-gebeurtenissen', en: 'Audit events' },
  noHistory: { nl: 'Nog geen gebeurtenissen.', en: 'No events yet.' },
  olderEvents: { nl: 'Oudere gebeurtenissen…', en: 'Older events…' },
  auditFilterCase: { nl: 'Zaak', en: 'Case' },
  auditFilterAll: { nl: 'Alle gebeurtenissen', en: 'All events' },
  auditShowing: { nl: '{count} gebeurtenissen getoond.', en: '{count} events shown.' },
  auditShowingAll: { nl: 'Alle {count} gebeurtenissen getoond.', en: 'All {count} events shown.' },
  auditLoadAll: { nl: 'Alles laden', en: 'Load all' },
  auditNoneForCase: { nl: 'Geen gebeurtenissen voor deze zaak.', en: 'No events for this case.' },
  auditTimesIn: { nl: 'Tijden in uw tijdzone ({zone}).', en: 'Times in your time zone ({zone}).' },
} satisfies Words;
