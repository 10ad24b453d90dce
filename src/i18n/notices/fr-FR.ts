import type { NoticeCatalog } from './en-US';

export const frFR: NoticeCatalog = {
  results: {
    noThreatsFound: 'Aucune menace détectée',
    phishing: 'Hameçonnage',
    spam: 'Courrier indésirable',
  },
  adminMessage: 'Un mot de votre équipe de sécurité : {message}',
  colleague: 'collègue',
  templates: {
    noThreatsFound: {
      subject: 'Votre signalement : « {subject} » est sûr',
      body: [
        'Bonjour {reporterName},',
        '',
        'Merci d\'avoir signalé le message « {subject} » de {sender}, reçu le {receivedDateTime}.',
        '',
        'Notre équipe de sécurité l\'a examiné et n\'a trouvé aucune menace : c\'est un message légitime. S\'il se trouve dans le dossier Courrier indésirable, vous pouvez le remettre dans la boîte de réception.',
        '',
        '{adminMessage}',
        '',
        'Résultat : {result}',
        '',
        'Second Look, pour votre équipe de sécurité',
      ].join('\n'),
    },
    phishing: {
      subject: 'Votre signalement : « {subject} » est de l\'hameçonnage',
      body: [
        'Bonjour {reporterName},',
        '',
        'Merci d\'avoir signalé le message « {subject} » de {sender}, reçu le {receivedDateTime}.',
        '',
        'Notre équipe de sécurité l\'a examiné : c\'est de l\'hameçonnage. Ne cliquez pas sur ses liens, n\'ouvrez pas ses pièces jointes et n\'y répondez pas. Si vous l\'avez déjà fait, prévenez votre équipe de sécurité dès maintenant.',
        '',
        '{adminMessage}',
        '',
        'Résultat : {result}',
        '',
        'Second Look, pour votre équipe de sécurité',
      ].join('\n'),
    },
    spam: {
      subject: 'Votre signalement : « {subject} » est indésirable',
      body: [
        'Bonjour {reporterName},',
        '',
        'Merci d\'avoir signalé le message « {subject} » de {sender}, reçu le {receivedDateTime}.',
        '',
        'Notre équipe de sécurité l\'a examiné : c\'est du courrier indésirable. Vous pouvez le supprimer ; les messages semblables seront filtrés.',
        '',
        '{adminMessage}',
        '',
        'Résultat : {result}',
        '',
        'Second Look, pour votre équipe de sécurité',
      ].join('\n'),
    },
  },
};
