// The languages of both pages: each page speaks the languages of its own list (its dictionary is
// typed by that list), the language comes from the browser (or the user's earlier choice), and a
// switch changes it. Every string is looked up in the page's dictionary.
import { h } from './dom';

/** What a page must know of a language it speaks: how it writes dates, and how it names itself. */
interface LanguageFacts {
  dateLocale: string;
  /** The language's name in that language: the switch to it reads this. */
  name: string;
  /** The switch's label for a screen reader, in the language it switches to. */
  switchTo: string;
}

/** Every language some page speaks; a page's list is of these (`satisfies readonly PageLang[]`). */
const languageFacts = {
  nl: { dateLocale: 'nl-NL', name: 'Nederlands', switchTo: 'Schakel over naar Nederlands' },
  en: { dateLocale: 'en-GB', name: 'English', switchTo: 'Switch to English' },
} satisfies Record<string, LanguageFacts>;

export type PageLang = keyof typeof languageFacts;

/** How a language writes dates (an Intl locale). */
export const dateLocaleOf = (lang: PageLang) => languageFacts[lang].dateLocale;

/** The language choice stays when the person at the console changes: it belongs to the device. */
export const LANG_STORAGE_KEY = 'mfa-recovery.lang';

const storedLang = <L extends PageLang>(languages: readonly L[]): L | undefined => {
  try {
    const value = localStorage.getItem(LANG_STORAGE_KEY);
    return languages.find((lang) => lang === value);
  } catch {
    return undefined; // storage can be off (private mode, policies): the browser's language then decides
  }
};

/** The user's earlier choice, else the first of the browser's languages we speak, else the page's first. */
const detectLang = <L extends PageLang>(languages: readonly [L, ...L[]]): L => {
  const stored = storedLang(languages);
  if (stored) return stored;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = (tag ?? '').toLowerCase().split('-')[0];
    const spoken = languages.find((lang) => lang === base);
    if (spoken) return spoken;
  }
  return languages[0];
};

export type Dictionary<K extends string, L extends PageLang> = Record<L, Record<K, string>>;

/**
 * Words written key by key, each key's languages side by side (`begin: { nl: 'Beginnen', en: 'Begin' }`),
 * as the translator reads them: language by language.
 */
export const byLanguage = <L extends PageLang, K extends string>(
  languages: readonly L[],
  words: Record<K, Record<L, string>>,
): Dictionary<K, L> => {
  const entries = Object.entries(words) as [K, Record<L, string>][];
  return Object.fromEntries(
    languages.map((lang) => [lang, Object.fromEntries(entries.map(([key, text]) => [key, text[lang]]))]),
  ) as Dictionary<K, L>;
};

export interface Translator<K extends string, L extends PageLang> {
  readonly lang: L;
  /** The page's languages, the first the one it speaks when the browser names none of them. */
  readonly languages: readonly [L, ...L[]];
  /** The text for `key` with `{name}` placeholders filled in. */
  t(key: K, values?: Record<string, string | number>): string;
  setLang(lang: L): void;
  /**
   * The language the person is known to read (the customer's on record): spoken unless they chose one
   * on this device with the switch, and not remembered as their choice.
   */
  preferLang(lang: string): void;
  /** A date and time in the user's language, in their own time zone. */
  dateTime(iso: string): string;
  time(iso: string): string;
}

/**
 * A translator over `dictionary`, speaking `languages` (by default the dictionary's, in the order
 * written: the first is the fallback).
 */
export const createTranslator = <K extends string, L extends PageLang>(
  dictionary: Dictionary<K, L>,
  languages: readonly [L, ...L[]] = Object.keys(dictionary) as [L, ...L[]],
): Translator<K, L> => {
  let lang = detectLang(languages);
  document.documentElement.lang = lang;
  const locale = () => dateLocaleOf(lang);
  return {
    get lang() {
      return lang;
    },
    languages,
    t: (key, values = {}) =>
      dictionary[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in values ? String(values[name]) : whole,
      ),
    setLang: (next) => {
      lang = next;
      document.documentElement.lang = next;
      try {
        localStorage.setItem(LANG_STORAGE_KEY, next);
      } catch {
        /* not remembered; the switch still works for this page */
      }
    },
    preferLang: (preferred) => {
      const spoken = languages.find((candidate) => candidate === preferred);
      if (!spoken || storedLang(languages)) return;
      lang = spoken;
      document.documentElement.lang = spoken;
    },
    dateTime: (iso) => new Date(iso).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' }),
    time: (iso) => new Date(iso).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' }),
  };
};

/**
 * The switch to the page's next language (with two: the other one), a button named in that
 * language ("English" / "Nederlands"), so someone who cannot read the current one still finds it.
 */
export const languageSwitch = <L extends PageLang>(
  translator: Translator<string, L>,
  onChange: () => void,
) => {
  const { languages } = translator;
  const other = languages[(languages.indexOf(translator.lang) + 1) % languages.length] ?? languages[0];
  return h('button', {
    type: 'button',
    class: 'lang-switch secondary',
    lang: other,
    'data-testid': 'lang-switch',
    'data-key': 'lang-switch',
    'aria-label': languageFacts[other].switchTo,
    text: languageFacts[other].name,
    on: {
      click: () => {
        translator.setLang(other);
        onChange();
      },
    },
  });
};
