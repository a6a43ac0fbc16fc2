// The console's languages: one list. Every word the console shows is written once per key with all of
// them side by side (`{ nl: '…', en: '…' }`, in the `*.words.ts` file beside the view that shows it),
// so adding a language here makes tsc name every key still without its text.
import { byLanguage } from '../shared/i18n';

/** A new language also needs its name, switch label and date locale (app.words.ts): the switch offers it by those. */
export const consoleLocales = ['nl', 'en'] as const;
export type ConsoleLocale = (typeof consoleLocales)[number];

/** One text per console language. */
export type Text = Record<ConsoleLocale, string>;

/** Words keyed by K (message keys, or a lib vocabulary: tsc then names a member without words). */
export type Words<K extends string = string> = Record<K, Text>;

/**
 * An audit event's words: its name in the tables and its sentence, beside the words of the view whose
 * button writes the event. audit-sentences.ts fills the sentence's placeholders from the event: {actor},
 * {case}, {check}, {result}, {channel}, {count}, {time}, {left}, {status}, {kind}, {attempts},
 * {fields}; clauses such as the reason are added after it.
 */
export interface EventWords {
  label: Text;
  sentence: Text;
}

/** The words of one language: what the translator and the label lookups read. */
export const byLocale = <K extends string>(words: Words<K>) => byLanguage(consoleLocales, words);

type KeysOf<T> = T extends object ? keyof T : never;
/** The keys that more than one of the word sets defines (never when each key is defined once). */
export type Repeated<Sets extends readonly object[]> = Sets extends readonly [
  infer First,
  ...infer Rest extends readonly object[],
]
  ? (keyof First & KeysOf<Rest[number]>) | Repeated<Rest>
  : never;
