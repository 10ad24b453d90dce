/**
 * amavis (amavisd-new, amavisd): the content filter between an MTA and its virus scanners and
 * SpamAssassin. Its spam verdict is an ordinary X-Spam-Status (read as SpamAssassin's); what is
 * its own:
 * - X-Amavis-Alert: `INFECTED, message contains virus: NAME[, NAME]`, `BANNED, message
 *   contains text/x-msdownload,.exe,.exe-ms,setup.exe` (a file type or name its policy bans),
 *   `BAD HEADER SECTION, …` (malformed headers: noted, not a verdict on the content);
 * - X-Quarantine-ID: `<2cM5lFlY-BQ8>`, the quarantine copy of a message it held;
 * - X-Amavis-Spam-Status, where a site renamed the X-Spam-* headers: SpamAssassin's format.
 */
import type { FilterFamily } from '../family';
import type { FilterVerdict, HeaderField, SpamAssassinFacts } from '../../types';
import type { ProblemLog } from '../../problem-log';
import { parseSpamStatus } from '../../decoders/spamassassin';
import { head, newest } from '../shared';
import { AMAVIS_RULES } from './rules';

export const AMAVIS_FILTER = 'amavis';
const MAX_VIRUSES = 20;

export type AmavisAlertKind = 'infected' | 'banned' | 'badHeader';

export interface AmavisAlert {
  header: string;
  kind: AmavisAlertKind;
  /** INFECTED: the virus names. */
  viruses: string[];
  /** BANNED: what was banned (`text/x-msdownload,.exe,.exe-ms,setup.exe`). */
  banned?: string;
  /** The alert, exactly as written (trimmed). */
  text: string;
}

export interface AmavisFacts {
  /** The most severe alert on this side (INFECTED, then BANNED, then BAD HEADER). */
  alert?: AmavisAlert;
  quarantineId?: { header: string; text: string };
  spamStatus?: SpamAssassinFacts;
}

const KIND = /^(INFECTED|BANNED|BAD[ \t]+HEADER)\b/i;
const RANK: Readonly<Record<AmavisAlertKind, number>> = { infected: 3, banned: 2, badHeader: 1 };

function readAlert(field: HeaderField, log: ProblemLog): AmavisAlert | undefined {
  const text = field.value.trim();
  const m = KIND.exec(head(text, 20));
  const word = m?.[1]?.toUpperCase();
  if (word === undefined) {
    log.add(field.name, 'unknownValue', head(text, 80));
    return undefined;
  }
  const kind: AmavisAlertKind = word === 'INFECTED' ? 'infected' : word === 'BANNED' ? 'banned' : 'badHeader';
  const alert: AmavisAlert = { header: field.name, kind, viruses: [], text };
  if (kind === 'infected') {
    const at = text.search(/virus(?:es)?:/i);
    const list = at === -1 ? '' : text.slice(text.indexOf(':', at) + 1);
    alert.viruses = list.split(',').map((v) => head(v, 200).trim()).filter((v) => v.length > 0).slice(0, MAX_VIRUSES);
  } else if (kind === 'banned') {
    const at = text.search(/\bcontains\s/i);
    const banned = at === -1 ? '' : text.slice(at + 'contains'.length).trim();
    if (banned.length > 0) alert.banned = banned;
  }
  return alert;
}

export const AMAVIS: FilterFamily<AmavisFacts> = {
  id: 'amavis',
  filter: AMAVIS_FILTER,
  headers: ['x-amavis-alert', 'x-quarantine-id', 'x-amavis-spam-status'],
  decode(fields, log) {
    const facts: AmavisFacts = {};
    for (const field of fields) {
      if (field.lowerName !== 'x-amavis-alert') continue;
      const alert = readAlert(field, log);
      if (alert !== undefined && (facts.alert === undefined || RANK[alert.kind] > RANK[facts.alert.kind])) facts.alert = alert;
    }
    const quarantine = newest(fields, 'x-quarantine-id');
    if (quarantine !== undefined) facts.quarantineId = { header: quarantine.name, text: head(quarantine.value.trim(), 120) };
    const status = newest(fields, 'x-amavis-spam-status');
    if (status !== undefined) facts.spamStatus = parseSpamStatus(status, log);
    return facts.alert === undefined && facts.quarantineId === undefined && facts.spamStatus === undefined ? undefined : facts;
  },
  verdict(facts) {
    const { alert, spamStatus } = facts;
    const threat = alert?.kind === 'infected' || alert?.kind === 'banned';
    const spam = spamStatus?.isSpam ?? (spamStatus?.score !== undefined && spamStatus.required !== undefined ? spamStatus.score >= spamStatus.required : undefined);
    const evidence = alert !== undefined && (threat || spam === undefined) ? { header: alert.header, value: alert.text }
      : spamStatus !== undefined ? { header: spamStatus.header, value: spamStatus.scoreText ?? (spam === true ? 'Yes' : spam === false ? 'No' : '') } : undefined;
    // A quarantine ID alone does not say why the message was held.
    if (evidence === undefined) return undefined;
    const verdict: FilterVerdict = {
      family: 'amavis',
      filter: AMAVIS_FILTER,
      evidence,
      tests: alert?.kind === 'infected' ? alert.viruses.map((name) => ({ name })) : (spamStatus?.tests ?? []),
    };
    if (threat) {
      verdict.flagged = true;
      verdict.threat = 'malware';
    } else if (spam !== undefined) verdict.flagged = spam;
    else if (alert?.kind === 'badHeader') verdict.flagged = false;
    if (verdict.flagged === true && facts.quarantineId !== undefined) verdict.action = 'quarantine';
    if (spamStatus?.score !== undefined) verdict.score = spamStatus.score;
    if (spamStatus?.required !== undefined) verdict.threshold = spamStatus.required;
    return verdict;
  },
  rules: AMAVIS_RULES,
};
