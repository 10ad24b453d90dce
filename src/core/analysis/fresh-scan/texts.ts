/**
 * The plain-language texts of the findings a fresh Rspamd scan produces, per verdict locale.
 * Every locale has the type of en-US, so a missing text is a compile error. `{name}`
 * placeholders are filled by fillTemplate; every locale uses the same ones for a key.
 *
 * Rspamd's own symbol descriptions are English only, so the texts quote them rather than
 * translate them.
 */
import type { VerdictLocale } from '../../../contracts/verdict';

/** The actions Rspamd ships with (plus the two common custom ones), in its own spelling. */
export const RSPAMD_KNOWN_ACTIONS = [
  'no action',
  'greylist',
  'add header',
  'rewrite subject',
  'soft reject',
  'reject',
  'discard',
  'quarantine',
] as const;
export type RspamdKnownAction = (typeof RSPAMD_KNOWN_ACTIONS)[number];

export function isKnownRspamdAction(action: string): action is RspamdKnownAction {
  return (RSPAMD_KNOWN_ACTIONS as readonly string[]).includes(action);
}

const enUS = {
  /** {symbol} {score} */
  symbol: 'Rspamd symbol {symbol} scored {score}.',
  /** {symbol} {score} {description} */
  symbolWithDescription: 'Rspamd symbol {symbol} scored {score} ("{description}").',
  /** {options}: appended to the symbol sentence when the hit has options. */
  symbolOptions: 'It matched: {options}.',
  /** {action} {score} {required} */
  action: 'A fresh Rspamd scan scored the message {score} against a reject threshold of {required}; its action is: {action}.',
  /** {action} {symbols} */
  actionSkipped: 'A fresh Rspamd scan decided "{action}" before scoring, because a pre-filter matched ({symbols}).',
  /** {message} */
  smtpMessage: 'Rspamd\'s reply to the sending server would be: "{message}".',
  /** Shown for {symbols} when a pre-filter decided without any symbol. */
  noSymbols: 'no symbol reported',
  actions: {
    'no action': 'deliver normally',
    greylist: 'greylist (delay until the sender retries)',
    'add header': 'deliver marked as spam (add a spam header)',
    'rewrite subject': 'deliver with a spam tag in the subject',
    'soft reject': 'reject temporarily (the sender retries later)',
    reject: 'reject',
    discard: 'accept and silently drop',
    quarantine: 'quarantine',
  },
};

export type RspamdTexts = typeof enUS;

const daDK: RspamdTexts = {
  symbol: 'Rspamd-symbolet {symbol} gav {score} point.',
  symbolWithDescription: 'Rspamd-symbolet {symbol} gav {score} point ("{description}").',
  symbolOptions: 'Det ramte: {options}.',
  action: 'En ny Rspamd-scanning gav beskeden {score} point mod en afvisningsgrænse på {required}; handlingen er: {action}.',
  actionSkipped: 'En ny Rspamd-scanning besluttede "{action}" før pointgivningen, fordi et forfilter ramte ({symbols}).',
  smtpMessage: 'Rspamds svar til den afsendende server ville være: "{message}".',
  noSymbols: 'intet symbol angivet',
  actions: {
    'no action': 'lever normalt',
    greylist: 'gråliste (udsæt, til afsenderen prøver igen)',
    'add header': 'lever markeret som spam (tilføj en spam-header)',
    'rewrite subject': 'lever med et spam-mærke i emnet',
    'soft reject': 'afvis midlertidigt (afsenderen prøver igen senere)',
    reject: 'afvis',
    discard: 'modtag og slet uden besked',
    quarantine: 'sæt i karantæne',
  },
};

const frFR: RspamdTexts = {
  symbol: 'Le symbole Rspamd {symbol} a compté {score} points.',
  symbolWithDescription: 'Le symbole Rspamd {symbol} a compté {score} points (« {description} »).',
  symbolOptions: 'Correspondance : {options}.',
  action: 'Une nouvelle analyse Rspamd a attribué au message un score de {score} pour un seuil de rejet de {required} ; son action est : {action}.',
  actionSkipped: 'Une nouvelle analyse Rspamd a décidé « {action} » avant tout calcul de score, car un préfiltre a correspondu ({symbols}).',
  smtpMessage: 'La réponse de Rspamd au serveur d\'envoi serait : « {message} ».',
  noSymbols: 'aucun symbole indiqué',
  actions: {
    'no action': 'distribuer normalement',
    greylist: 'liste grise (différer jusqu\'à ce que l\'expéditeur réessaie)',
    'add header': 'distribuer marqué comme spam (ajout d\'un en-tête spam)',
    'rewrite subject': 'distribuer avec une mention spam dans l\'objet',
    'soft reject': 'rejeter temporairement (l\'expéditeur réessaiera plus tard)',
    reject: 'rejeter',
    discard: 'accepter puis supprimer sans prévenir',
    quarantine: 'mettre en quarantaine',
  },
};

export const RSPAMD_TEXTS: Readonly<Record<VerdictLocale, RspamdTexts>> = {
  'en-US': enUS,
  'da-DK': daDK,
  'fr-FR': frFR,
};
