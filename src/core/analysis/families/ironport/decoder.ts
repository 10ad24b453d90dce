/**
 * Cisco Secure Email Gateway (IronPort ESA). What it stamps by default says only that it looked:
 * - X-IronPort-Anti-Spam-Filtered: true (the message went through anti-spam);
 * - X-IronPort-Anti-Spam-Result: an opaque, encoded blob (no verdict can be read from it);
 * - X-IronPort-AV: the anti-virus engine stamp (`E=Sophos;i="…";d="scan'208";a="…"`).
 * A verdict is readable only from the headers sites add with content filters, and from two
 * that carry a plain result:
 * - X-IronPort-Anti-Spam: POSITIVE | SUSPECT | NEGATIVE;
 * - X-Ironport-Dmarc-Check-Result: `validskip`, `none`, `pass` ... or `quarantine` / `reject`;
 * - X-Amp-Result (Advanced Malware Protection): CLEAN, SKIPPED(...), UNKNOWN, MALICIOUS.
 * Without one of those the family has facts but no verdict: nothing is claimed.
 */
import type { FilterFamily } from '../family';
import type { FilterVerdict, HeaderField } from '../../types';
import type { ProblemLog } from '../../problem-log';
import { firstSegment, head, newest, type Stamp } from '../shared';

export const IRONPORT_FILTER = 'Cisco Secure Email (IronPort)';

export interface IronPortFacts {
  /** X-IronPort-Anti-Spam-Filtered: true. */
  filtered?: boolean;
  /** The opaque X-IronPort-Anti-Spam-Result, kept only to show it was there. */
  result?: string;
  /** X-IronPort-AV: the engine that scanned. */
  av?: string;
  antiSpam?: Stamp<'positive' | 'suspect' | 'negative'>;
  dmarc?: Stamp<string>;
  /** X-Amp-Result, its leading word lower-cased (`clean`, `skipped`, `malicious` ...). */
  amp?: Stamp<string>;
}

const ANTI_SPAM = new Set(['positive', 'suspect', 'negative']);
const DMARC = new Set(['validskip', 'none', 'pass', 'fail', 'quarantine', 'reject', 'temperror', 'permerror', 'skip', 'skipped']);
const AMP = new Set(['clean', 'skipped', 'unknown', 'unscannable', 'malicious', 'low risk', 'lowrisk', 'custom detection']);

/** The leading word(s) of a value: up to a `(`, `;` or `,`, lower-cased, blanks collapsed. */
function leading(field: HeaderField): { word: string; text: string } {
  const text = firstSegment(firstSegment(firstSegment(field.value, '('), ';'), ',');
  return { word: text.toLowerCase().replace(/\s+/g, ' '), text };
}

function stamp<T extends string>(field: HeaderField, known: ReadonlySet<string>, log: ProblemLog): Stamp<T> | undefined {
  const { word, text } = leading(field);
  if (known.has(word)) return { header: field.name, value: word as T, text };
  log.add(field.name, 'unknownValue', head(field.value, 80));
  return undefined;
}

export const IRONPORT: FilterFamily<IronPortFacts> = {
  id: 'ironport',
  filter: IRONPORT_FILTER,
  headers: [
    'x-ironport-anti-spam-filtered',
    'x-ironport-anti-spam-result',
    'x-ironport-av',
    'x-ironport-anti-spam',
    'x-ironport-dmarc-check-result',
    'x-amp-result',
  ],
  decode(fields, log) {
    const facts: IronPortFacts = {};
    const filtered = newest(fields, 'x-ironport-anti-spam-filtered');
    if (filtered !== undefined) {
      const v = filtered.value.trim().toLowerCase();
      if (v === 'true' || v === 'false') facts.filtered = v === 'true';
      else log.add(filtered.name, 'unknownValue', head(filtered.value, 80));
    }
    const result = newest(fields, 'x-ironport-anti-spam-result');
    if (result !== undefined) facts.result = head(result.value.trim(), 120);
    const av = newest(fields, 'x-ironport-av');
    if (av !== undefined) facts.av = head(av.value.trim(), 120);
    const antiSpam = newest(fields, 'x-ironport-anti-spam');
    const a = antiSpam === undefined ? undefined : stamp<'positive' | 'suspect' | 'negative'>(antiSpam, ANTI_SPAM, log);
    if (a !== undefined) facts.antiSpam = a;
    const dmarc = newest(fields, 'x-ironport-dmarc-check-result');
    const d = dmarc === undefined ? undefined : stamp<string>(dmarc, DMARC, log);
    if (d !== undefined) facts.dmarc = d;
    const amp = newest(fields, 'x-amp-result');
    const p = amp === undefined ? undefined : stamp<string>(amp, AMP, log);
    if (p !== undefined) facts.amp = p;
    const said = facts.filtered ?? facts.result ?? facts.av ?? facts.antiSpam ?? facts.dmarc ?? facts.amp;
    return said === undefined ? undefined : facts;
  },
  verdict(facts) {
    const malicious = facts.amp?.value === 'malicious' ? facts.amp : undefined;
    const spam = facts.antiSpam;
    const dmarcAction = facts.dmarc?.value === 'reject' ? 'reject' : facts.dmarc?.value === 'quarantine' ? 'quarantine' : undefined;
    const flaggingSpam = spam !== undefined && spam.value !== 'negative' ? spam : undefined;
    const decisive = malicious ?? flaggingSpam ?? (dmarcAction !== undefined ? facts.dmarc : undefined) ?? spam;
    // Filtered, with an opaque result: IronPort looked, but its headers do not say what it found.
    if (decisive === undefined) return undefined;
    const verdict: FilterVerdict = {
      family: 'ironport',
      filter: IRONPORT_FILTER,
      evidence: { header: decisive.header, value: decisive.text },
      flagged: malicious !== undefined || flaggingSpam !== undefined || dmarcAction !== undefined,
      tests: [],
    };
    if (malicious !== undefined) verdict.threat = 'malware';
    if (dmarcAction !== undefined) verdict.action = dmarcAction;
    return verdict;
  },
};
