// Dutch and English for both pages: the language comes from the browser (or the user's earlier
// choice), a switch changes it, and every string is looked up in a dictionary typed per page.
import { h } from './dom';

export type Lang = 'nl' | 'en';
export const languages: Lang[] = ['nl', 'en'];

/** The language choice stays when the person at the console changes: it belongs to the device. */
export const LANG_STORAGE_KEY = 'mfa-recovery.lang';

const storedLang = (): Lang | undefined => {
  try {
    const value = localStorage.getItem(LANG_STORAGE_KEY);
    return value === 'nl' || value === 'en' ? value : undefined;
  } catch {
    return undefined; // storage can be off (private mode, policies): the browser's language then decides
  }
};

/** The user's earlier choice, else the first of the browser's languages we speak, else Dutch. */
export const detectLang = (): Lang => {
  const stored = storedLang();
  if (stored) return stored;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = (tag ?? '').toLowerCase().split('-')[0];
    if (base === 'nl' || base === 'en') return base;
  }
  return 'nl';
};

export type Dictionary<K extends string> = Record<Lang, Record<K, string>>;

export interface Translator<K extends string> {
  readonly lang: Lang;
  /** The text for `key` with `{name}` placeholders filled in. */
  t(key: K, values?: Record<string, string | number>): string;
  setLang(lang: Lang): void;
  /** A date and time in the user's language, in their own time zone. */
  dateTime(iso: string): string;
  time(iso: string): string;
}

export const createTranslator = <K extends string>(dictionary: Dictionary<K>): Translator<K> => {
  let lang = detectLang();
  document.documentElement.lang = lang;
  const locale = () => (lang === 'nl' ? 'nl-NL' : 'en-GB');
  return {
    get lang() {
      return lang;
    },
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
    dateTime: (iso) => new Date(iso).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' }),
    time: (iso) => new Date(iso).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' }),
  };
};

/**
 * The switch: a button named in the other language ("English" / "Nederlands"), so someone who
 * cannot read the current one still finds it.
 */
export const languageSwitch = (translator: Translator<string>, onChange: () => void) => {
  const other: Lang = translator.lang === 'nl' ? 'en' : 'nl';
  return h('button', {
    type: 'button',
    class: 'lang-switch secondary',
    lang: other,
    'data-testid': 'lang-switch',
    'data-key': 'lang-switch',
    'aria-label': other === 'en' ? 'Switch to English' : 'Schakel over naar Nederlands',
    text: other === 'en' ? 'English' : 'Nederlands',
    on: {
      click: () => {
        translator.setLang(other);
        onChange();
      },
    },
  });
};
