/**
 * ClamAV, as clamav-milter, clamsmtp and similar glue stamp it:
 * - X-Virus-Status: `Clean`, `Infected (Win.Test.EICAR_HDB-1)`, `Infected with Exploit.PDF-9669`
 *   (some glue writes `Yes` / `No`, SpamAssassin-style);
 * - X-Virus-Scanned: the scanner and host (`clamav-milter 0.103.8 at mx.example.com`): that
 *   it looked, never what it found. Other scanners (amavis, Barracuda) write it too.
 * An infected message is not delivered as it was: clamav-milter rejects or quarantines it,
 * the rest replace it with a notice.
 */
import type { FilterFamily } from '../family';
import type { FilterVerdict, HeaderField } from '../../types';
import type { ProblemLog } from '../../problem-log';
import { head, newest } from '../shared';

export const CLAMAV_FILTER = 'ClamAV';

export interface ClamAvStatus {
  header: string;
  infected: boolean;
  /** The signature that matched, when the header names it. */
  virus?: string;
  /** The value, exactly as written (trimmed). */
  text: string;
}

export interface ClamAvFacts {
  status?: ClamAvStatus;
  /** X-Virus-Scanned: who scanned. */
  scanner?: string;
}

const INFECTED = /^(?:infected|yes)\b/i;
const CLEAN = /^(?:clean|no)\b/i;
const NAME_AFTER_WITH = /^infected\s+with\s+([^\s,;()]{1,200})/i;
const NAME_IN_PARENS = /^(?:infected|yes)\b[^(]{0,40}\(([^()]{1,200})\)/i;

function readStatus(field: HeaderField, log: ProblemLog): ClamAvStatus | undefined {
  const text = field.value.trim();
  const start = head(text, 300);
  if (INFECTED.test(start)) {
    const status: ClamAvStatus = { header: field.name, infected: true, text };
    const virus = (NAME_AFTER_WITH.exec(start) ?? NAME_IN_PARENS.exec(start))?.[1]?.trim();
    if (virus) status.virus = virus;
    return status;
  }
  if (CLEAN.test(start)) return { header: field.name, infected: false, text };
  log.add(field.name, 'unknownValue', head(text, 80));
  return undefined;
}

export const CLAMAV: FilterFamily<ClamAvFacts> = {
  id: 'clamav',
  filter: CLAMAV_FILTER,
  headers: ['x-virus-status', 'x-virus-scanned'],
  decode(fields, log) {
    const facts: ClamAvFacts = {};
    // Newest first; an infected stamp anywhere on this side outweighs a later "Clean".
    const statuses = fields.filter((f) => f.lowerName === 'x-virus-status').map((f) => readStatus(f, log));
    const status = statuses.find((s) => s?.infected === true) ?? statuses.find((s) => s !== undefined);
    if (status !== undefined) facts.status = status;
    const scanned = newest(fields, 'x-virus-scanned');
    if (scanned !== undefined) facts.scanner = head(scanned.value.trim(), 120);
    return facts.status === undefined && facts.scanner === undefined ? undefined : facts;
  },
  verdict(facts) {
    const status = facts.status;
    // X-Virus-Scanned alone says a scanner looked, not what it found.
    if (status === undefined) return undefined;
    const verdict: FilterVerdict = {
      family: 'clamav',
      filter: CLAMAV_FILTER,
      evidence: { header: status.header, value: status.text },
      flagged: status.infected,
      tests: status.virus === undefined ? [] : [{ name: status.virus }],
    };
    if (status.infected) {
      verdict.threat = 'malware';
      verdict.action = 'quarantine';
    }
    return verdict;
  },
};
