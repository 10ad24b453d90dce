/**
 * amavis's own finding: a BANNED alert is a policy on attachment types and names, not a virus
 * found. The generic FILTER_MALWARE finding still names the block; this one says what kind of
 * block it is and how to let a wanted file through.
 */
import { familyFacts, type FamilyRule } from '../family';
import { NO_MATCH } from '../../rules/rule-types';
import type { AmavisFacts } from './decoder';

export const AMAVIS_RULES: readonly FamilyRule[] = [
  {
    code: 'AMAVIS_BANNED',
    severity: 'high',
    role: 'cause',
    cause: 'malware',
    layer: 'antiMalwarePolicy',
    // Above FILTER_MALWARE (100): the more precise explanation of the same block goes first.
    priority: 101,
    implies: 'malware',
    text: {
      'en-US': 'amavis stopped the message because an attachment has a file type or name that its policy bans ({token}). That is a rule about attachments, not a virus found in them.',
      'da-DK': 'amavis stoppede beskeden, fordi en vedhæftet fil har en filtype eller et filnavn, som politikken forbyder ({token}). Det er en regel om vedhæftede filer, ikke en virus, der er fundet i dem.',
      'fr-FR': 'amavis a arrêté le message parce qu\'une pièce jointe porte un type ou un nom de fichier que sa politique interdit ({token}). C\'est une règle sur les pièces jointes, pas un virus détecté dans celles-ci.',
    },
    recommendation: {
      code: 'AMAVIS_REC_BANNED_RELEASE',
      text: {
        'en-US': 'If the attachment is expected and you trust it, release the message from the amavis quarantine. To accept such files from now on, narrow the banned-file rules in amavis for this recipient, or have the sender share the file another way; allowing the sender does not lift the ban.',
        'da-DK': 'Hvis den vedhæftede fil er ventet, og du stoler på den, kan du frigive beskeden fra amavis\' karantæne. Skal den slags filer kunne komme igennem fremover, så indsnævr amavis\' regler for forbudte filer for denne modtager, eller bed afsenderen dele filen på en anden måde; at tillade afsenderen ophæver ikke forbuddet.',
        'fr-FR': 'Si la pièce jointe est attendue et que vous lui faites confiance, libérez le message de la quarantaine d\'amavis. Pour accepter ce type de fichier à l\'avenir, assouplissez les règles de fichiers interdits d\'amavis pour ce destinataire, ou demandez à l\'expéditeur de partager le fichier autrement ; autoriser l\'expéditeur ne lève pas l\'interdiction.',
      },
    },
    when(ctx) {
      const alert = familyFacts<AmavisFacts>(ctx, 'amavis')?.alert;
      if (alert?.kind !== 'banned') return NO_MATCH;
      return [{ evidence: { header: alert.header, value: alert.text }, params: { filter: 'amavis' } }];
    },
  },
];
