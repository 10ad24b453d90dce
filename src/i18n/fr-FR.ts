/** Français. Mêmes clés que en-US ; un texte manquant est une erreur de compilation. */
import type { Catalog } from './en-US';

export const frFR: Catalog = {
  productName: 'Second Look',
  categories: {
    notJunk: 'Courrier légitime',
    spam: 'Courrier indésirable',
    phishing: 'Hameçonnage',
    malware: 'Logiciel malveillant',
  },
  pane: {
    from: 'De',
    subject: 'Objet',
    noSubject: '(sans objet)',
    noMessage: 'Ouvrez un message pour le signaler.',
    reportHeading: 'Signaler ce message',
    reportHelp:
      'Dites à votre équipe de sécurité ce qu’est vraiment ce message. Elle examine chaque signalement et peut libérer le courrier bloqué.',
    commentLabel: 'Commentaire',
    commentHint: 'Facultatif : tout ce que l’équipe de sécurité devrait savoir.',
    moreInfo: 'À quoi servent ces boutons ?',
    reportNotJunk: 'Courrier légitime',
    reportJunk: 'Courrier indésirable',
    reportPhishing: 'Hameçonnage',
    sending: 'Envoi de votre signalement…',
    earlierHeading: 'Vos signalements précédents de ce message',
    earlierLoading: 'Chargement de vos signalements précédents…',
    earlierNone: 'Vous n’avez jamais signalé ce message.',
    earlierUnavailable: 'Vos signalements précédents ne peuvent pas être chargés pour le moment.',
    earlierReportedOn: (date: string) => `Signalé le ${date}`,
    outboxWaiting: (count: number) =>
      count === 1
        ? '1 signalement attend d’être envoyé.'
        : `${count} signalements attendent d’être envoyés.`,
    outboxFailed: (count: number) =>
      count === 1 ? '1 signalement a été refusé.' : `${count} signalements ont été refusés.`,
    dismiss: 'Fermer',
  },
  status: {
    pending: 'En attente d’examen',
    succeeded: 'Examiné',
    noResultYet: 'Pas encore de résultat',
  },
  outcome: {
    sent: (category: string) => `Merci. Votre signalement (${category}) a été reçu.`,
    queued: 'En file d’attente — il sera envoyé dès que le serveur sera joignable.',
    rejected: (reason: string) => `Votre signalement a été refusé : ${reason}`,
    notSaved: 'Votre signalement n’a pu être ni envoyé ni enregistré. Veuillez réessayer.',
    readFailed: 'Outlook n’a pas pu transmettre ce message au complément. Veuillez réessayer.',
  },
  move: {
    movedToInbox: 'Le message a été déplacé dans votre boîte de réception.',
    movedToJunk: 'Le message a été déplacé dans Courrier indésirable.',
    movedToDeleted: 'Le message a été déplacé dans Éléments supprimés.',
    manualInbox:
      'Déplacez-le dans votre boîte de réception avec le bouton Courrier légitime d’Outlook.',
    manualJunk: 'Déplacez-le dans Courrier indésirable avec le bouton Courrier indésirable d’Outlook.',
    manualDeleted: 'Supprimez le message ; n’ouvrez ni ses liens ni ses pièces jointes.',
  },
  safeSender: {
    added: (address: string) => `${address} a été ajouté à vos expéditeurs approuvés.`,
    notAvailable:
      'Ce serveur ne gère pas encore les expéditeurs approuvés. Adressez-vous à votre service informatique.',
    failed: (reason: string) => `L’expéditeur n’a pas pu être ajouté : ${reason}`,
    unreachable: 'Le serveur est injoignable. Veuillez réessayer plus tard.',
  },
  spamDialog: {
    title: 'Merci pour votre signalement',
    queuedTitle: 'Votre signalement sera envoyé plus tard',
    failedTitle: 'Votre signalement n’a pas été envoyé',
  },
  errors: {
    unexpected: 'Une erreur s’est produite. Veuillez réessayer.',
  },
};
