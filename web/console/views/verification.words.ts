// The words of the verification view (views/verification.ts), every console language side by side.
import type { AuditEventType } from '../../../lib/audit/events';
import type { EventWords, Words } from '../locales';

export const verificationWords = {
  stepVerifyTitle: { nl: 'Stap 1: Identiteit verifiëren', en: 'Step 1: Verify identity' },
  verifyIntro: {
    nl: 'Volg de handleiding: eerst de identiteit, dan de beveiligingsvragen. Typ wat de klant zegt; het systeem vergelijkt het met onze gegevens en toont alleen of het overeenkomt.',
    en: 'Follow the manual: identity first, then the security questions. Type what the caller says; the system compares it with our records and only shows whether it matches.',
  },
  policyHint: {
    nl: 'Geslaagd (standaardbeleid): naam en e-mailadres komen overeen, minstens twee beveiligingsvragen komen overeen, de klant leest de gemailde code voor, en geen enkel antwoord wijkt af. Een afwijkend antwoord telt zodra de klant het herhaalt en beëindigt dan de verificatie; “Weet de klant niet” en een onvolledig antwoord kosten niets.',
    en: 'Passes (default policy): name and email address match, at least two security questions match, the caller reads back the emailed code, and no answer differs. A wrong answer counts once the caller repeats it and then ends the verification; “Caller does not know” and an incomplete answer cost nothing.',
  },
  channel: { nl: 'Contact via', en: 'Contact channel' },
  startVerification: { nl: 'Verificatie starten', en: 'Start verification' },
  verificationOpen: {
    nl: 'Verificatie {id} loopt (via {channel}).',
    en: 'Verification {id} is open (via {channel}).',
  },
  verificationDone: {
    nl: 'Verificatie {id} (via {channel}) is afgerond.',
    en: 'Verification {id} (via {channel}) is completed.',
  },
  noVerificationNeeded: {
    nl: '2FA staat uit voor deze klant, dus er valt niets te herstellen. De klant zet 2FA zelf aan via de link in de e-mail of op de profielpagina.',
    en: '2FA is off for this customer, so there is nothing to recover. The customer turns 2FA on from the link in the email or on the profile page.',
  },
  sectionIdentity: { nl: '1. Klant identificeren', en: '1. Identify the caller' },
  sectionSecurity: { nl: '2. Beveiligingsvragen', en: '2. Security questions' },
  sectionEmailCode: {
    nl: '3. Code per e-mail (bewijs van bezit)',
    en: '3. Code by email (proof of possession)',
  },
  sectionComplete: { nl: '4. Afronden', en: '4. Complete' },
  answer: { nl: 'Antwoord van de klant', en: 'Caller’s answer' },
  note: { nl: 'Notitie (optioneel)', en: 'Note (optional)' },
  check: { nl: 'Controleren', en: 'Check' },
  checkAnnounce: { nl: '{check}: {result}', en: '{check}: {result}' },
  checkHintMismatch: {
    nl: 'Een afwijkend antwoord laat deze verificatie meteen mislukken.',
    en: 'A wrong answer makes this verification fail.',
  },
  checkHintNotOnFile: {
    nl: 'Niet in onze gegevens: stel een andere vraag.',
    en: 'Not in our records: ask another question.',
  },
  checkHintIncomplete: {
    nl: 'Wat de klant zei klopt, maar is nog niet genoeg. Vraag door en leg het volledige antwoord vast.',
    en: 'What the caller said is right but not enough yet. Ask for more and record the full answer.',
  },
  checkHintUnconfirmed: {
    nl: 'Komt niet overeen, maar telt nog niet. Vraag de klant het antwoord te herhalen, vink hieronder aan dat de klant het herhaalde en leg vast wat de klant nu zegt. Wijkt dat ook af, of rondt u nu af, dan telt het als afwijkend en mislukt de verificatie.',
    en: 'Does not match, but does not count yet. Ask the caller to repeat the answer, tick below that the caller repeated it and record what they say now. If that is wrong too, or you complete now, it counts as wrong and the verification fails.',
  },
  checkHintCodeRetry: {
    nl: 'Deze code klopt niet. Laat de klant de code opnieuw voorlezen; is ook de laatste poging fout, dan mislukt de verificatie.',
    en: 'This code is wrong. Have the caller read it again; if the last try is wrong too, the verification fails.',
  },
  checkHintCodeTriesLeft: {
    nl: 'Deze code klopt niet. Laat de klant de code opnieuw voorlezen. Pogingen over: {left}; is ook de laatste fout, dan mislukt de verificatie.',
    en: 'This code is wrong. Have the caller read it again. Tries left: {left}; if the last one is wrong too, the verification fails.',
  },
  callerRepeated: { nl: 'De klant herhaalde het antwoord', en: 'The caller repeated the answer' },
  repeatRequired: {
    nl: 'Vink eerst aan dat de klant het antwoord herhaalde.',
    en: 'First tick that the caller repeated the answer.',
  },
  answerRequired: { nl: 'Vul eerst het antwoord van de klant in.', en: 'Type the caller’s answer first.' },
  notAsked: { nl: 'Niet gevraagd', en: 'Not asked' },
  noteShown: { nl: 'Notitie: {note}', en: 'Note: {note}' },
  emailCodeIntro: {
    nl: 'Stuur een eenmalige code naar het e-mailadres in onze gegevens (nooit naar een adres dat de beller noemt) en laat de klant de code voorlezen.',
    en: 'Send a one-time code to the email address in our records (never to an address the caller gives) and have the caller read the code back.',
  },
  emailCodeRequired: {
    nl: 'Verplicht: de code is het bewijs, de vragen hierboven ondersteunen alleen.',
    en: 'Required: the code is the proof, the questions above only support it.',
  },
  sendEmailCode: { nl: 'Code e-mailen', en: 'Email the code' },
  resendEmailCode: { nl: 'Nieuwe code e-mailen', en: 'Email a new code' },
  emailCodeSent: {
    nl: 'Code verstuurd naar {to}, geldig tot {time}. Nog {left} keer opnieuw te versturen.',
    en: 'Code sent to {to}, valid until {time}. {left} more sends left.',
  },
  emailCodeSentEarlier: {
    nl: 'Er is al een code gemaild, geldig tot {time}.',
    en: 'A code was already emailed, valid until {time}.',
  },
  completeIntro: {
    nl: 'Klaar met vragen? Rond af; het systeem beslist volgens het beleid.',
    en: 'Done asking? Complete it; the system decides by the policy.',
  },
  complete: { nl: 'Verificatie afronden', en: 'Complete verification' },
  failedNext: {
    nl: 'Schakel 2FA niet uit. Er geldt nu een wachttijd: een nieuwe verificatie kan pas starten na {time}.',
    en: 'Do not disable 2FA. A cooldown now applies: a new verification can start only after {time}.',
  },
  failedSay: {
    nl: 'Zeg tegen de klant: “Ik kan uw identiteit nu niet voldoende bevestigen, dus ik zet de tweestapsverificatie niet uit. U kunt ons na {time} opnieuw bellen.” Noem niet welk antwoord niet klopte.',
    en: 'Tell the caller: “I cannot confirm your identity well enough now, so I will not turn off two-step verification. You can call us again after {time}.” Do not say which answer did not match.',
  },
  failedSayNoCooldown: {
    nl: 'Zeg tegen de klant: “Ik kan uw identiteit nu niet voldoende bevestigen, dus ik zet de tweestapsverificatie niet uit. U kunt het opnieuw proberen met de gegevens die u wel weet.” Noem niet welk antwoord ontbrak.',
    en: 'Tell the caller: “I cannot confirm your identity well enough now, so I will not turn off two-step verification. You can try again with the details you do know.” Do not say which answer was missing.',
  },
  failedNextNoCooldown: {
    nl: 'Schakel 2FA niet uit. Er geldt geen wachttijd: geen antwoord was fout.',
    en: 'Do not disable 2FA. No cooldown applies: no answer was wrong.',
  },
  stillNeeded: {
    nl: 'Afronden kan zodra dit er is:',
    en: 'You can complete once this is done:',
  },
  passedHelpdesk: {
    nl: 'Vraag een admin om 2FA uit te schakelen en noem verificatie {id}. De verificatie blijft 30 minuten bruikbaar (standaardbeleid).',
    en: 'Ask an admin to disable 2FA and mention verification {id}. It stays usable for 30 minutes (default policy).',
  },
  passedAdmin: { nl: 'Ga verder met stap 2 hieronder.', en: 'Continue with step 2 below.' },
  reasonMismatch: {
    nl: 'Het antwoord op “{check}” kwam niet overeen.',
    en: 'The answer to “{check}” did not match.',
  },
  reasonRepeatPending: {
    nl: 'Het antwoord op “{check}” kwam nog niet overeen: noteer eerst wat de klant herhaalt of verbetert.',
    en: 'The answer to “{check}” did not match yet: first record what the caller repeats or corrects.',
  },
  reasonNotMatched: {
    nl: '“{check}” moet gecontroleerd zijn en overeenkomen.',
    en: '“{check}” must be checked and match.',
  },
  reason_TOO_FEW_SECURITY_ANSWERS: {
    nl: 'Te weinig beveiligingsvragen kwamen overeen.',
    en: 'Too few security questions matched.',
  },
  reason_EMAIL_CODE_REQUIRED: {
    nl: 'Bij deze klant moet de code uit de e-mail worden voorgelezen.',
    en: 'For this customer the emailed code must be read back.',
  },
  callerDoesNotKnow: { nl: 'Weet de klant niet', en: 'Caller does not know' },
  expectedFormat: { nl: 'Verwacht: {format}', en: 'Expected: {format}' },
  reportedProblem: { nl: 'Wat meldt de klant?', en: 'What does the caller report?' },
  reportedProblemNone: { nl: '(kies)', en: '(choose)' },
  cooldownOver: {
    nl: 'De wachttijd is voorbij: u kunt de klant nu weer verifiëren.',
    en: 'The cooldown is over: you can verify the caller again now.',
  },
  withoutProofTitle: { nl: 'Klant kan de code niet ontvangen?', en: 'Caller cannot receive the code?' },
  withoutProofIntro: {
    nl: 'Alleen als de klant echt geen toegang heeft tot het e-mailadres. De verificatie slaagt dan hooguit “zonder bezitsbewijs”: een tweede admin moet de uitschakeling goedkeuren en het beveiligingsteam krijgt bericht.',
    en: 'Only if the caller truly has no access to the mailbox. The verification can then pass only “without possession proof”: a second admin must approve the disable and the security team is told.',
  },
  withoutProofReason: { nl: 'Waarom niet?', en: 'Why not?' },
  withoutProofReasonPlaceholder: { nl: 'Kies een reden', en: 'Choose a reason' },
  withoutProofChooseReason: {
    nl: 'Kies waarom de klant de code niet kan ontvangen.',
    en: 'Choose why the caller cannot receive the code.',
  },
  confirmWithoutProofTitle: { nl: 'Afronden zonder bezitsbewijs?', en: 'Complete without possession proof?' },
  confirmWithoutProofBody: {
    nl: 'Reden: {reason}. Dit wordt vastgelegd met uw naam; een tweede admin moet het uitschakelen van 2FA daarna goedkeuren, en het beveiligingsteam krijgt een melding.',
    en: 'Reason: {reason}. This is recorded with your name; a second admin must then approve disabling 2FA, and the security team is notified.',
  },
  confirmWithoutProofYes: {
    nl: 'Ja, afronden zonder bezitsbewijs',
    en: 'Yes, complete without possession proof',
  },
  completeWithoutProof: { nl: 'Afronden zonder bezitsbewijs', en: 'Complete without possession proof' },
  withoutProofPassed: {
    nl: 'Geslaagd zonder bezitsbewijs: een tweede admin moet goedkeuren en het beveiligingsteam krijgt bericht.',
    en: 'Passed without possession proof: a second admin must approve and the security team is told.',
  },
  releaseOnlyVerification: {
    nl: 'Op verzoek van het beveiligingsteam kunt u de beller verifiëren, met de code per e-mail. Zo’n verificatie dient alleen om de blokkade op te heffen; 2FA uitschakelen kan er niet mee.',
    en: 'At the security team’s request you can verify the caller, including the emailed code. Such a verification only serves to release the lock; 2FA cannot be disabled on it.',
  },
  passedForRelease: {
    nl: 'Meld zaak {caseNumber} aan het beveiligingsteam: een security officer (niet uzelf) kan de blokkade nu opheffen. De verificatie blijft 30 minuten bruikbaar.',
    en: 'Tell the security team case {caseNumber}: a security officer (not you) can now release the lock. The verification stays usable for 30 minutes.',
  },
  verificationStatusNow: {
    nl: 'Deze verificatie is nu: {status}.',
    en: 'This verification is now: {status}.',
  },
  triageIntro: {
    nl: 'Vraag eerst wat er aan de hand is. Wie nog een werkende factor heeft, helpt zichzelf zonder reset; alleen wie niets meer heeft, wordt geverifieerd.',
    en: 'First ask what is wrong. A caller who still has a working factor helps themselves without a reset; only a caller with nothing left is verified.',
  },
  triageFirst: {
    nl: 'Beantwoord eerst de triage hierboven: een verificatie start alleen als de klant geen werkende factor meer heeft.',
    en: 'Answer the triage above first: a verification starts only when the caller has no working factor left.',
  },
  cooldownBeforeTriage: {
    nl: 'Wachttijd: een eerdere verificatie is mislukt. Een nieuwe verificatie kan pas starten na {time}.',
    en: 'Cooldown: an earlier verification failed. A new verification can start only after {time}.',
  },
  cooldownSelfServiceStill: {
    nl: 'Zelfhulp (triage hieronder) kan wel.',
    en: 'Self-service (triage below) still can.',
  },
  startAfterCooldown: {
    nl: 'Verificatie starten kan pas na {time} (wachttijd na een mislukte verificatie).',
    en: 'Starting a verification is possible after {time} (cooldown after a failed verification).',
  },
  passedOwnAdmin: {
    nl: 'U verifieerde deze klant zelf: een andere admin moet 2FA uitschakelen. Noem zaak {id}.',
    en: 'You verified this customer yourself: another admin must disable 2FA. Quote case {id}.',
  },
} satisfies Words;

/** The audit events this view's buttons write, as the audit trail, the case record and the security case show them. */
export const verificationEventWords = {
  VERIFICATION_STARTED: {
    label: { nl: 'Verificatie gestart', en: 'Verification started' },
    sentence: {
      nl: 'Verificatie gestart door {actor}, zaak {case}, via {channel}',
      en: 'Verification started by {actor}, case {case}, via {channel}',
    },
  },
  VERIFICATION_CHECK_RECORDED: {
    label: { nl: 'Controle vastgelegd', en: 'Check recorded' },
    sentence: { nl: 'Controle {check}: {result}', en: 'Check {check}: {result}' },
  },
  VERIFICATION_EMAIL_CODE_SENT: {
    label: { nl: 'Verificatiecode gemaild', en: 'Verification code emailed' },
    sentence: {
      nl: 'Code gemaild naar het adres in onze gegevens ({count}e in deze zaak)',
      en: 'Code emailed to the address on file (no. {count} in this case)',
    },
  },
  VERIFICATION_COMPLETED: {
    label: { nl: 'Verificatie afgerond', en: 'Verification completed' },
    sentence: {
      nl: '{outcome}, zaak {case}; vastgelegde controles: {count}',
      en: '{outcome}, case {case}; checks recorded: {count}',
    },
  },
} satisfies Partial<Record<AuditEventType, EventWords>>;
