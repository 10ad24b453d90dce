/**
 * Mimecast:
 * - X-Mimecast-Spam-Score: a number (0 on ordinary mail);
 * - X-Mimecast-Spam-Signature: `yes` when the spam scanner's signatures matched, `bulk` for
 *   bulk mail;
 * - X-Mimecast-Bulk-Signature: `yes` for bulk mail;
 * - X-Mimecast-Impersonation-Protect: `Policy=NAME; Similar Internal Domain=false;
 *   Newly Observed Domain=false; ...`, one `indicator=true|false` per check; any `=true` is
 *   an impersonation detected (phishing).
 */
import type { FilterFamily } from '../family';
import type { FilterVerdict, HeaderField } from '../../types';
import type { ProblemLog } from '../../problem-log';
import { parseNumber } from '../../decoders/numbers';
import { head, newest, type Stamp } from '../shared';

export const MIMECAST_FILTER = 'Mimecast';
const MAX_INDICATORS = 100;

export interface MimecastImpersonation {
  header: string;
  policy?: string;
  /** The indicators that said true, each with its exact `Name=true` text. */
  hits: { name: string; text: string }[];
}

export interface MimecastFacts {
  score?: Stamp<number>;
  /** `yes`, `bulk` or `no`, lower-cased. */
  spamSignature?: Stamp<string>;
  bulkSignature?: Stamp<boolean>;
  impersonation?: MimecastImpersonation;
}

const SIGNATURES = new Set(['yes', 'bulk', 'no']);

function parseImpersonation(field: HeaderField, log: ProblemLog): MimecastImpersonation {
  const facts: MimecastImpersonation = { header: field.name, hits: [] };
  let indicators = 0;
  for (const segment of field.value.split(';')) {
    if (indicators >= MAX_INDICATORS) break;
    const text = segment.trim();
    const eq = text.indexOf('=');
    if (text.length === 0) continue;
    indicators++;
    if (eq <= 0) {
      log.add(field.name, 'unreadableValue', text);
      continue;
    }
    const name = text.slice(0, eq).trim().replace(/\s+/g, ' ');
    const value = text.slice(eq + 1).trim();
    if (name.toLowerCase() === 'policy') facts.policy = value.replace(/\s+/g, ' ');
    else if (value.toLowerCase() === 'true') facts.hits.push({ name, text });
    else if (value.toLowerCase() !== 'false') log.add(field.name, 'unknownValue', head(text, 80));
  }
  return facts;
}

export const MIMECAST: FilterFamily<MimecastFacts> = {
  id: 'mimecast',
  filter: MIMECAST_FILTER,
  headers: ['x-mimecast-spam-score', 'x-mimecast-spam-signature', 'x-mimecast-bulk-signature', 'x-mimecast-impersonation-protect'],
  decode(fields, log) {
    const facts: MimecastFacts = {};
    const score = newest(fields, 'x-mimecast-spam-score');
    const spam = newest(fields, 'x-mimecast-spam-signature');
    const bulk = newest(fields, 'x-mimecast-bulk-signature');
    const impersonation = newest(fields, 'x-mimecast-impersonation-protect');
    if (score !== undefined) {
      const text = score.value.trim();
      const n = parseNumber(head(text, 40));
      if (n !== undefined) facts.score = { header: score.name, value: n, text };
      else log.add(score.name, 'unreadableValue', text);
    }
    if (spam !== undefined) {
      const text = spam.value.trim();
      const value = text.toLowerCase();
      if (SIGNATURES.has(value)) facts.spamSignature = { header: spam.name, value, text };
      else log.add(spam.name, 'unknownValue', text);
    }
    if (bulk !== undefined) {
      const text = bulk.value.trim();
      const value = text.toLowerCase();
      if (value === 'yes' || value === 'no') facts.bulkSignature = { header: bulk.name, value: value === 'yes', text };
      else log.add(bulk.name, 'unknownValue', text);
    }
    if (impersonation !== undefined) facts.impersonation = parseImpersonation(impersonation, log);
    const said = facts.score ?? facts.spamSignature ?? facts.bulkSignature ?? facts.impersonation;
    return said === undefined ? undefined : facts;
  },
  verdict(facts) {
    const hit = facts.impersonation?.hits[0];
    const spam = facts.spamSignature;
    const bulk = facts.bulkSignature?.value === true ? facts.bulkSignature : undefined;
    const flaggingSpam = spam !== undefined && spam.value !== 'no' ? spam : undefined;
    const evidence = hit !== undefined && facts.impersonation !== undefined ? { header: facts.impersonation.header, value: hit.text }
      : flaggingSpam !== undefined ? { header: flaggingSpam.header, value: flaggingSpam.text }
        : bulk !== undefined ? { header: bulk.header, value: bulk.text }
          : facts.score !== undefined ? { header: facts.score.header, value: facts.score.text }
            : spam !== undefined ? { header: spam.header, value: spam.text } : undefined;
    // Impersonation indicators that are all false are no verdict on spam.
    if (evidence === undefined) return undefined;
    const verdict: FilterVerdict = { family: 'mimecast', filter: MIMECAST_FILTER, evidence, tests: [] };
    if (hit !== undefined) verdict.threat = 'phishing';
    else if (spam?.value === 'bulk' || bulk !== undefined) verdict.threat = 'bulk';
    if (hit !== undefined || flaggingSpam !== undefined || bulk !== undefined) verdict.flagged = true;
    else if (spam?.value === 'no' || (facts.score !== undefined && facts.score.value <= 0)) verdict.flagged = false;
    if (facts.score !== undefined) verdict.score = facts.score.value;
    if (facts.impersonation !== undefined) verdict.tests = facts.impersonation.hits.map((h) => ({ name: h.name }));
    return verdict;
  },
};
