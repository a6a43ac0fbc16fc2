// The words of views/re-enroll.ts: how a customer who cannot open the main mailbox sets 2FA up again.
import type { Words } from '../locales';

export const reEnrollWords = {
  reEnrollTitle: { nl: 'Hoe de klant 2FA weer instelt', en: 'How the customer sets up 2FA again' },
  reEnrollFurther: {
    nl: 'Na de uitschakeling gaat de herstel-link naar {email}, het adres dat de klant nu niet kan openen. Er staat nog {count} ander adres in het dossier; een admin kan de link daarheen sturen (kaart “Herstel-link”, “Sturen naar”). Zeg de klant: “We kunnen de link sturen naar een ander e-mailadres dat we van u hebben.” Lees geen adressen voor en neem geen nieuw adres aan: de link gaat alleen naar adressen in het dossier.',
    en: 'After the disable the reset link goes to {email}, the address the caller cannot open now. There is {count} other address on file; an admin can send the link there instead (card “Reset link”, “Send to”). Tell the caller: “We can send the link to another email address we have for you.” Do not read addresses out and accept no new address: the link goes only to addresses on file.',
  },
  reEnrollFurtherMany: {
    nl: 'Na de uitschakeling gaat de herstel-link naar {email}, het adres dat de klant nu niet kan openen. Er staan nog {count} andere adressen in het dossier; een admin kan de link naar één daarvan sturen (kaart “Herstel-link”, “Sturen naar”). Zeg de klant: “We kunnen de link sturen naar een ander e-mailadres dat we van u hebben.” Lees geen adressen voor en neem geen nieuw adres aan: de link gaat alleen naar adressen in het dossier.',
    en: 'After the disable the reset link goes to {email}, the address the caller cannot open now. There are {count} other addresses on file; an admin can send the link to one of them instead (card “Reset link”, “Send to”). Tell the caller: “We can send the link to another email address we have for you.” Do not read addresses out and accept no new address: the link goes only to addresses on file.',
  },
  reEnrollNoFurther: {
    nl: 'Na de uitschakeling gaat de herstel-link naar {email}, het adres dat de klant nu niet kan openen, en er staat geen ander adres in het dossier. Zeg de klant dat hij eerst weer toegang tot die mailbox nodig heeft (via zijn e-mailprovider). Bestaat het adres niet meer, dan moet eerst het e-mailadres van het account worden gewijzigd; daarna geldt een afkoelperiode voordat de helpdesk 2FA kan uitschakelen. Neem geen nieuw adres aan.',
    en: 'After the disable the reset link goes to {email}, the address the caller cannot open now, and there is no other address on file. Tell the caller they first need access to that mailbox again (through their email provider). If the address no longer exists, the account’s email address must be changed first; a cooling-off period then applies before the helpdesk can disable 2FA. Accept no new address.',
  },
  resetLinkSendTo: { nl: 'Sturen naar', en: 'Send to' },
  resetLinkMainAddress: { nl: '{email} (hoofdadres)', en: '{email} (main address)' },
  resetLinkFurtherAddress: {
    nl: '{email} (ander adres in het dossier)',
    en: '{email} (other address on file)',
  },
  resetLinkSendToHint: {
    nl: 'Kan de klant het hoofdadres niet openen? Kies een ander adres in het dossier. Alle adressen krijgen een melding met een link “Was u dit niet?”; uw keuze wordt vastgelegd.',
    en: 'Can the customer not open the main address? Choose another address on file. Every address gets a notice with a “This wasn’t you?” link; your choice is recorded.',
  },
  resendResetLinkTo: { nl: 'Herstel-link sturen naar {email}', en: 'Send the reset link to {email}' },
  resetLinkSentTo: {
    nl: 'Nieuwe link verstuurd naar {email}; de andere adressen krijgen een melding. De vorige link werkt niet meer. Vandaag kan dit nog {left} keer.',
    en: 'New link sent to {email}; the other addresses get a notice. The previous link no longer works. {left} more today.',
  },
} satisfies Words;
