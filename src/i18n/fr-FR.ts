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
    outboxRefused: (category: string, subject: string, reason: string) => `${category} · ${subject} : ${reason}`,
    dismiss: 'Fermer',
  },
  review: {
    waiting: 'En attente d’examen',
    answerHeading: 'La réponse de votre équipe de sécurité',
    results: {
      noThreatsFound: 'Aucune menace détectée',
      phishing: 'Hameçonnage',
      spam: 'Courrier indésirable',
    },
    answeredOn: (date: string) => `Répondu le ${date}`,
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
    added: (value: string) => `${value} a été ajouté à vos expéditeurs approuvés.`,
    failed: (reason: string) => `L’expéditeur n’a pas pu être ajouté : ${reason}`,
    noSender: 'Ce message n’a pas d’adresse d’expéditeur à ajouter.',
  },
  lists: {
    heading: 'Expéditeurs approuvés et bloqués',
    help: 'Le courrier de vos expéditeurs approuvés reste hors du dossier Courrier indésirable ; celui de vos expéditeurs bloqués y est placé. Les logiciels malveillants et l’hameçonnage à haut niveau de confiance sont arrêtés quoi que disent vos listes.',
    choiceLabel: 'Quel expéditeur ?',
    chooseAddress: (address: string) => `Cette adresse uniquement : ${address}`,
    chooseDomain: (domain: string) => `Tous les expéditeurs de ${domain}`,
    add: {
      safe: 'Ajouter aux expéditeurs approuvés',
      blocked: 'Ajouter aux expéditeurs bloqués',
    },
    confirmTitle: {
      safe: 'Ajouter à vos expéditeurs approuvés ?',
      blocked: 'Ajouter à vos expéditeurs bloqués ?',
    },
    confirmValueLabel: 'Sera ajouté',
    confirmEffect: {
      safe: 'Le courrier de cet expéditeur ne sera pas déplacé vers Courrier indésirable. Les logiciels malveillants et l’hameçonnage à haut niveau de confiance restent arrêtés.',
      blocked: 'Le courrier de cet expéditeur sera déplacé vers Courrier indésirable.',
    },
    confirm: 'Ajouter',
    cancel: 'Annuler',
    listHeading: {
      safe: 'Vos expéditeurs approuvés',
      blocked: 'Vos expéditeurs bloqués',
    },
    used: (used: number, limit: number) =>
      `${used.toLocaleString('fr-FR')} sur ${limit.toLocaleString('fr-FR')} utilisés`,
    empty: 'Aucun pour l’instant.',
    loading: 'Chargement…',
    loadFailed: 'Cette liste n’a pas pu être chargée pour le moment.',
    remove: 'Supprimer',
    removeLabel: (value: string) => `Supprimer ${value}`,
    working: 'Enregistrement de votre modification…',
    added: {
      safe: (value: string) => `${value} a été ajouté à vos expéditeurs approuvés.`,
      blocked: (value: string) => `${value} a été ajouté à vos expéditeurs bloqués.`,
    },
    removed: {
      safe: (value: string) => `${value} a été retiré de vos expéditeurs approuvés.`,
      blocked: (value: string) => `${value} a été retiré de vos expéditeurs bloqués.`,
    },
    addFailed: {
      safe: (value: string, reason: string) => `${value} n’a pas été ajouté à vos expéditeurs approuvés : ${reason}`,
      blocked: (value: string, reason: string) => `${value} n’a pas été ajouté à vos expéditeurs bloqués : ${reason}`,
    },
    removeFailed: {
      safe: (value: string, reason: string) => `${value} n’a pas été retiré de vos expéditeurs approuvés : ${reason}`,
      blocked: (value: string, reason: string) => `${value} n’a pas été retiré de vos expéditeurs bloqués : ${reason}`,
    },
    notAvailable:
      'Ce serveur ne gère pas encore les expéditeurs approuvés et bloqués. Adressez-vous à votre service informatique.',
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
  serverErrors: {
    codes: {
      validation_failed: 'Une partie de ce qui a été envoyé n’a pas passé les contrôles du serveur.',
      invalid_json: 'Le serveur n’a pas pu lire ce qui a été envoyé.',
      message_or_headers_required: 'Outlook n’a fourni ni le message ni ses en-têtes à envoyer.',
      invalid_headers: 'Les en-têtes du message n’ont pas pu être lus.',
      invalid_message: 'Le message n’a pas pu être lu.',
      too_large: 'Le message dépasse la taille acceptée par le serveur.',
      unsupported_media_type: 'Le serveur n’accepte pas ce type de contenu.',
      quota_exceeded: 'Vous avez fait aujourd’hui autant de signalements que le serveur en accepte d’une personne. Réessayez demain.',
      rate_limited: 'Trop de requêtes en peu de temps. Patientez une minute, puis réessayez.',
      overloaded: 'Le serveur est surchargé pour le moment. Réessayez dans un instant.',
      invalid_token: 'Votre connexion n’a pas été acceptée. Fermez et rouvrez Outlook, puis réessayez.',
      forbidden: 'Vous n’êtes pas autorisé à faire ceci.',
      not_found: 'Le serveur ne l’a pas trouvé.',
      no_route: 'Ce serveur ne propose pas encore cette fonction.',
      internal: 'Le serveur a rencontré un problème. Veuillez réessayer plus tard.',
      invalidSyntax: 'Ce n’est ni une adresse e-mail ni un domaine valide.',
      localPartTooLong: 'La partie avant @ est trop longue.',
      domainTooLong: 'Le domaine est trop long.',
      addressTooLong: 'L’adresse est trop longue.',
      duplicate: 'Cet expéditeur figure déjà dans la liste.',
      ownAcceptedDomain: 'C’est l’un des domaines de votre organisation ; ajoutez plutôt des adresses une par une.',
      limitReached: 'La liste est pleine. Supprimez d’abord une entrée.',
      wildcardBlockOnly: 'Un domaine avec tous ses sous-domaines peut seulement être bloqué.',
      noteTooLong: 'La note est trop longue.',
      noteInvalidCharacters: 'La note contient des caractères non autorisés, comme des sauts de ligne.',
      invalidExpiration: 'L’expiration n’est pas valide.',
      expiryInPast: 'La date d’expiration est passée.',
      expiryTooFar: 'L’expiration est trop lointaine.',
      neverExpiryBlockOnly: 'Seuls les expéditeurs bloqués peuvent être conservés sans expiration.',
      lastUsedRuleNeedsSubmission: '« Supprimer après la dernière utilisation » est réservé aux entrées créées depuis un signalement.',
    },
    limitReached: (used: number, limit: number) =>
      `La liste est pleine : ${used.toLocaleString('fr-FR')} ${used > 1 ? 'entrées utilisées' : 'entrée utilisée'} sur ${limit.toLocaleString('fr-FR')}. Supprimez-en d’abord une.`,
    expiryTooFar: (maxDays: number) => `L’expiration doit intervenir dans les ${maxDays.toLocaleString('fr-FR')} jours.`,
    unknown: (code: string) => `Le serveur a refusé la requête (${code}).`,
    withoutCode: (status: number | null) =>
      status === null ? 'Le serveur ne l’a pas accepté.' : `Le serveur ne l’a pas accepté (HTTP ${status}).`,
  },
};
