/**
 * Gmail and Google Workspace: X-Gm-Spam and X-Gm-Phishy, a bare 0 or 1 each, stamped when
 * Google's filter judged the message (Google writes them on mail it received and on mail its
 * groups pass on).
 */
import type { FilterFamily } from '../family';
import type { HeaderField } from '../../types';

export interface GoogleFacts {
  spam?: { header: string; value: boolean; text: string };
  phishy?: { header: string; value: boolean; text: string };
}

function flag(field: HeaderField | undefined): GoogleFacts['spam'] {
  if (field === undefined) return undefined;
  const text = field.value.trim();
  return text === '0' || text === '1' ? { header: field.name, value: text === '1', text: `${field.name}: ${text}` } : undefined;
}

export const GOOGLE: FilterFamily<GoogleFacts> = {
  id: 'google',
  filter: 'Google (Gmail)',
  headers: ['x-gm-spam', 'x-gm-phishy'],
  decode(fields, log) {
    const spamField = fields.find((f) => f.lowerName === 'x-gm-spam');
    const phishyField = fields.find((f) => f.lowerName === 'x-gm-phishy');
    const facts: GoogleFacts = {};
    const spam = flag(spamField);
    const phishy = flag(phishyField);
    if (spamField !== undefined && spam === undefined) log.add(spamField.name, 'unknownValue', spamField.value);
    if (phishyField !== undefined && phishy === undefined) log.add(phishyField.name, 'unknownValue', phishyField.value);
    if (spam !== undefined) facts.spam = spam;
    if (phishy !== undefined) facts.phishy = phishy;
    return spam === undefined && phishy === undefined ? undefined : facts;
  },
  verdict(facts) {
    const phishy = facts.phishy?.value === true;
    const decisive = phishy ? facts.phishy : facts.spam?.value === true ? facts.spam : (facts.spam ?? facts.phishy);
    if (decisive === undefined) return undefined;
    return {
      family: 'google',
      filter: 'Google (Gmail)',
      evidence: { header: decisive.header, value: decisive.text },
      flagged: phishy || facts.spam?.value === true,
      ...(phishy ? { threat: 'phishing' as const } : {}),
      tests: [],
    };
  },
};
