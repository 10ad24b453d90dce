import type { NoticeCatalog } from './en-US';

export const daDK: NoticeCatalog = {
  results: {
    noThreatsFound: 'Ingen trusler fundet',
    phishing: 'Phishing',
    spam: 'Spam',
  },
  adminMessage: 'En besked fra jeres sikkerhedsteam: {message}',
  colleague: 'kollega',
  templates: {
    noThreatsFound: {
      subject: 'Din indberetning: "{subject}" er sikker',
      body: [
        'Hej {reporterName}',
        '',
        'Tak fordi du indberettede beskeden "{subject}" fra {sender}, modtaget {receivedDateTime}.',
        '',
        'Vores sikkerhedsteam har gennemgået den og fandt ingen trusler: det er legitim post. Ligger den i mappen Uønsket mail, kan du flytte den tilbage til Indbakke.',
        '',
        '{adminMessage}',
        '',
        'Resultat: {result}',
        '',
        'Second Look, for jeres sikkerhedsteam',
      ].join('\n'),
    },
    phishing: {
      subject: 'Din indberetning: "{subject}" er phishing',
      body: [
        'Hej {reporterName}',
        '',
        'Tak fordi du indberettede beskeden "{subject}" fra {sender}, modtaget {receivedDateTime}.',
        '',
        'Vores sikkerhedsteam har gennemgået den: det er phishing. Klik ikke på links, åbn ikke vedhæftede filer, og svar ikke. Har du allerede gjort det, så kontakt sikkerhedsteamet nu.',
        '',
        '{adminMessage}',
        '',
        'Resultat: {result}',
        '',
        'Second Look, for jeres sikkerhedsteam',
      ].join('\n'),
    },
    spam: {
      subject: 'Din indberetning: "{subject}" er spam',
      body: [
        'Hej {reporterName}',
        '',
        'Tak fordi du indberettede beskeden "{subject}" fra {sender}, modtaget {receivedDateTime}.',
        '',
        'Vores sikkerhedsteam har gennemgået den: det er spam. Du kan slette den; lignende beskeder bliver filtreret.',
        '',
        '{adminMessage}',
        '',
        'Resultat: {result}',
        '',
        'Second Look, for jeres sikkerhedsteam',
      ].join('\n'),
    },
  },
};
