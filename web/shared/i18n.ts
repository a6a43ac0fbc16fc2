// The languages of both pages: each page speaks the languages of its own list (its dictionary is
// typed by that list), the language comes from the browser (or the user's earlier choice), and a
// switch changes it. Every string is looked up in the page's dictionary, and so is what the page must
// know of a language (its name, how it writes dates): a language is its dictionary, nothing here.
import { append, h } from './dom';

/** What a page must know of a language it speaks: in each language's own words, in its dictionary. */
export interface LanguageFacts {
  /** How the language writes dates (an Intl locale: 'nl-NL'). */
  dateLocale: string;
  /** The language's name in that language: the switch to it reads this ('Nederlands'). */
  languageName: string;
  /** The switch's label for a screen reader, in the language it switches to. */
  switchToLanguage: string;
}

/** The language choice stays when the person at the console changes: it belongs to the device. */
export const LANG_STORAGE_KEY = 'mfa-recovery.lang';

const storedLang = <L extends string>(languages: readonly L[]): L | undefined => {
  try {
    const value = localStorage.getItem(LANG_STORAGE_KEY);
    return languages.find((lang) => lang === value);
  } catch {
    return undefined; // storage can be off (private mode, policies): the browser's language then decides
  }
};

/** The user's earlier choice, else the first of the browser's languages we speak, else the page's first. */
const detectLang = <L extends string>(languages: readonly [L, ...L[]]): L => {
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

/** A page's words per language; each language's also say what the page must know of it. */
export type Dictionary<K extends string, L extends string> = Record<L, Record<K, string>> &
  Record<L, LanguageFacts>;

/**
 * Words written key by key, each key's languages side by side (`begin: { nl: 'Beginnen', en: 'Begin' }`),
 * as the translator reads them: language by language.
 */
export const byLanguage = <L extends string, K extends string>(
  languages: readonly L[],
  words: Record<K, Record<L, string>>,
): Record<L, Record<K, string>> => {
  const entries = Object.entries(words) as [K, Record<L, string>][];
  return Object.fromEntries(
    languages.map((lang) => [lang, Object.fromEntries(entries.map(([key, text]) => [key, text[lang]]))]),
  ) as Record<L, Record<K, string>>;
};

export interface Translator<K extends string, L extends string> {
  readonly lang: L;
  /** The page's languages, the first the one it speaks when the browser names none of them. */
  readonly languages: readonly [L, ...L[]];
  /** The text for `key` with `{name}` placeholders filled in. */
  t(key: K, values?: Record<string, string | number>): string;
  /** What the page knows of `language` (by default the one it speaks), from that language's dictionary. */
  facts(language?: L): LanguageFacts;
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
export const createTranslator = <K extends string, L extends string>(
  dictionary: Dictionary<K, L>,
  languages: readonly [L, ...L[]] = Object.keys(dictionary) as [L, ...L[]],
): Translator<K, L> => {
  let lang = detectLang(languages);
  document.documentElement.lang = lang;
  const facts = (language: L = lang): LanguageFacts => ({
    dateLocale: dictionary[language].dateLocale,
    languageName: dictionary[language].languageName,
    switchToLanguage: dictionary[language].switchToLanguage,
  });
  const locale = () => facts().dateLocale;
  return {
    get lang() {
      return lang;
    },
    languages,
    facts,
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
 * The switch: one button for each of the page's other languages, each named in its own language
 * ("English" / "Nederlands"), so someone who cannot read the current one still finds theirs. With two
 * languages that is one button; with more, a short list (a language is one click away, never a cycle).
 */
export const languageSwitch = <L extends string>(translator: Translator<string, L>, onChange: () => void) => {
  const buttons = document.createDocumentFragment();
  append(
    buttons,
    ...translator.languages
      .filter((language) => language !== translator.lang)
      .map((other) =>
        h('button', {
          type: 'button',
          class: 'lang-switch secondary',
          lang: other,
          'data-testid': 'lang-switch',
          // The first one takes the focus back after a switch (the page is drawn anew).
          'data-key': 'lang-switch',
          'aria-label': translator.facts(other).switchToLanguage,
          text: translator.facts(other).languageName,
          on: {
            click: () => {
              translator.setLang(other);
              onChange();
            },
          },
        }),
      ),
  );
  return buttons;
};
