// The enrollment page's words for replace mode's two app entries side by side (issue 24): the new
// entry's name, and a code typed from the old one. messages.ts spreads these into the page's words.
import type { EnrollLang } from './languages';

type Words = Record<string, Record<EnrollLang, string>>;

export const replaceWords = {
  replaceAppEntry: {
    nl: 'In de app heet de nieuwe invoer: {entry}. Aan de datum herkent u hem naast de oude invoer, die werkt tot u hieronder bevestigt.',
    en: 'In the app the new entry is called: {entry}. The date tells it apart from the old entry, which works until you confirm below.',
  },
  error_OLD_AUTHENTICATOR_CODE: {
    nl: 'Dit is de code van uw oude invoer in de app, niet van de nieuwe. Voer de code in van de nieuwe invoer: {entry}.',
    en: 'This is the code of your old entry in the app, not the new one. Enter the code of the new entry: {entry}.',
  },
} satisfies Words;
