// The words of the search view (views/search.ts), every console language side by side.
import type { Words } from '../locales';

export const searchWords = {
  searchTitle: { nl: 'Klant zoeken', en: 'Find a customer' },
  searchHint: {
    nl: 'Zoek op e-mailadres of op (een deel van) de naam of bedrijfsnaam.',
    en: 'Search by email address or by (part of) the name or company name.',
  },
  searchLabel: { nl: 'E-mailadres of naam', en: 'Email address or name' },
  searchButton: { nl: 'Zoeken', en: 'Search' },
  searchNone: { nl: 'Geen klanten gevonden voor “{query}”.', en: 'No customers found for “{query}”.' },
  searchCountOne: { nl: '1 klant gevonden.', en: '1 customer found.' },
  searchCountMany: { nl: '{count} klanten gevonden.', en: '{count} customers found.' },
  searchMore: { nl: 'Meer resultaten', en: 'More results' },
  searchResults: { nl: 'Zoekresultaten', en: 'Search results' },
  searchResultsFor: { nl: 'Resultaten voor “{query}”:', en: 'Results for “{query}”:' },
  colEmail: { nl: 'E-mail', en: 'Email' },
  colCompany: { nl: 'Bedrijf', en: 'Company' },
  colTwoFactor: { nl: '2FA', en: '2FA' },
  searchHintCase: {
    nl: 'Of zoek op zaaknummer (HD-XXXX-XXXX).',
    en: 'Or search by case number (HD-XXXX-XXXX).',
  },
  searchCaseFound: { nl: 'Zaak {caseNumber}', en: 'Case {caseNumber}' },
} satisfies Words;
