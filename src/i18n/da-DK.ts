/** Dansk. Samme nøgler som en-US; en manglende tekst er en kompileringsfejl. */
import type { Catalog } from './en-US';

export const daDK: Catalog = {
  productName: 'Second Look',
  categories: {
    notJunk: 'Ikke uønsket',
    spam: 'Uønsket',
    phishing: 'Phishing',
    malware: 'Malware',
  },
  pane: {
    from: 'Fra',
    subject: 'Emne',
    noSubject: '(intet emne)',
    noMessage: 'Åbn en mail for at rapportere den.',
    reportHeading: 'Rapportér denne mail',
    reportHelp:
      'Fortæl dit sikkerhedsteam, hvad denne mail egentlig er. De gennemgår hver rapport og kan frigive blokeret post.',
    commentLabel: 'Kommentar',
    commentHint: 'Valgfrit: alt, hvad sikkerhedsteamet bør vide.',
    moreInfo: 'Hvad gør disse knapper?',
    reportNotJunk: 'Ikke uønsket',
    reportJunk: 'Uønsket',
    reportPhishing: 'Phishing',
    sending: 'Sender din rapport…',
    earlierHeading: 'Dine tidligere rapporter af denne mail',
    earlierLoading: 'Indlæser dine tidligere rapporter…',
    earlierNone: 'Du har ikke rapporteret denne mail før.',
    earlierUnavailable: 'Dine tidligere rapporter kunne ikke indlæses lige nu.',
    earlierReportedOn: (date: string) => `Rapporteret ${date}`,
    outboxWaiting: (count: number) =>
      count === 1 ? '1 rapport venter på at blive sendt.' : `${count} rapporter venter på at blive sendt.`,
    outboxFailed: (count: number) =>
      count === 1 ? '1 rapport blev ikke modtaget.' : `${count} rapporter blev ikke modtaget.`,
    dismiss: 'Luk',
  },
  status: {
    pending: 'Afventer gennemgang',
    succeeded: 'Gennemgået',
    noResultYet: 'Intet resultat endnu',
  },
  outcome: {
    sent: (category: string) => `Tak. Din rapport (${category}) er modtaget.`,
    queued: 'I kø — sendes, når serveren kan nås.',
    rejected: (reason: string) => `Din rapport blev ikke modtaget: ${reason}`,
    notSaved: 'Din rapport kunne hverken sendes eller gemmes. Prøv igen.',
    readFailed: 'Outlook kunne ikke give tilføjelsesprogrammet denne mail. Prøv igen.',
  },
  move: {
    movedToInbox: 'Mailen er flyttet til din indbakke.',
    movedToJunk: 'Mailen er flyttet til Uønsket mail.',
    movedToDeleted: 'Mailen er flyttet til Slettet post.',
    manualInbox: 'Flyt den til din indbakke med Outlooks knap Ikke uønsket.',
    manualJunk: 'Flyt den til Uønsket mail med Outlooks knap Uønsket.',
    manualDeleted: 'Slet mailen; åbn ikke dens links eller vedhæftede filer.',
  },
  safeSender: {
    added: (value: string) => `${value} er føjet til dine sikre afsendere.`,
    failed: (reason: string) => `Afsenderen kunne ikke tilføjes: ${reason}`,
    noSender: 'Denne mail har ingen afsenderadresse, der kan tilføjes.',
  },
  lists: {
    heading: 'Sikre og blokerede afsendere',
    help: 'Mail fra dine sikre afsendere holdes ude af Uønsket mail; mail fra dine blokerede afsendere havner der. Malware og phishing med høj sikkerhed stoppes, uanset hvad dine lister siger.',
    choiceLabel: 'Hvilken afsender?',
    chooseAddress: (address: string) => `Kun denne adresse: ${address}`,
    chooseDomain: (domain: string) => `Alle hos ${domain}`,
    add: {
      safe: 'Føj til sikre afsendere',
      blocked: 'Føj til blokerede afsendere',
    },
    confirmTitle: {
      safe: 'Føj til dine sikre afsendere?',
      blocked: 'Føj til dine blokerede afsendere?',
    },
    confirmValueLabel: 'Tilføjes',
    confirmEffect: {
      safe: 'Mail fra denne afsender flyttes ikke til Uønsket mail. Malware og phishing med høj sikkerhed stoppes stadig.',
      blocked: 'Mail fra denne afsender flyttes til Uønsket mail.',
    },
    confirm: 'Tilføj',
    cancel: 'Annuller',
    listHeading: {
      safe: 'Dine sikre afsendere',
      blocked: 'Dine blokerede afsendere',
    },
    used: (used: number, limit: number) =>
      `${used.toLocaleString('da-DK')} af ${limit.toLocaleString('da-DK')} brugt`,
    empty: 'Ingen endnu.',
    loading: 'Indlæser…',
    loadFailed: 'Listen kunne ikke indlæses lige nu.',
    remove: 'Fjern',
    removeLabel: (value: string) => `Fjern ${value}`,
    working: 'Gemmer din ændring…',
    added: {
      safe: (value: string) => `${value} er føjet til dine sikre afsendere.`,
      blocked: (value: string) => `${value} er føjet til dine blokerede afsendere.`,
    },
    removed: {
      safe: (value: string) => `${value} er fjernet fra dine sikre afsendere.`,
      blocked: (value: string) => `${value} er fjernet fra dine blokerede afsendere.`,
    },
    addFailed: {
      safe: (value: string, reason: string) => `${value} blev ikke føjet til dine sikre afsendere: ${reason}`,
      blocked: (value: string, reason: string) => `${value} blev ikke føjet til dine blokerede afsendere: ${reason}`,
    },
    removeFailed: {
      safe: (value: string, reason: string) => `${value} blev ikke fjernet fra dine sikre afsendere: ${reason}`,
      blocked: (value: string, reason: string) => `${value} blev ikke fjernet fra dine blokerede afsendere: ${reason}`,
    },
    notAvailable: 'Denne server kan endnu ikke håndtere sikre og blokerede afsendere. Spørg din it-afdeling.',
    unreachable: 'Serveren kunne ikke nås. Prøv igen senere.',
  },
  spamDialog: {
    title: 'Tak for din rapport',
    queuedTitle: 'Din rapport sendes senere',
    failedTitle: 'Din rapport blev ikke sendt',
  },
  errors: {
    unexpected: 'Noget gik galt. Prøv igen.',
  },
};
