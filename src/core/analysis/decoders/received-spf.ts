/** RFC 7208 section 9.1 Received-SPF: `result (comment) key=value; key=value`. */
import type { HeaderField, ReceivedSpf } from '../types';
import type { ProblemLog } from '../problem-log';
import { findIp } from '../../net/addresses';
import { readKeyValues } from './key-values';
import { splitTopLevel, stripComments } from './comments';

const SPF_RESULTS = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror']);

export function parseReceivedSpf(field: HeaderField, log: ProblemLog): ReceivedSpf | undefined {
  const { text, comments } = stripComments(field.value);
  const result = (/^[A-Za-z]+/.exec(text)?.[0] ?? '').toLowerCase();
  if (!SPF_RESULTS.has(result)) {
    log.add(field.name, 'unknownValue', `not an SPF result: ${text.slice(0, 40)}`);
    return undefined;
  }
  const spf: ReceivedSpf = { result, text: field.value, header: field.name };
  const rest = text.slice(result.length);
  for (const segment of splitTopLevel(rest, ';').segments) {
    for (const { key, value } of readKeyValues(segment)) {
      const k = key.toLowerCase();
      if (k === 'client-ip') spf.clientIp = value;
      else if (k === 'envelope-from') spf.envelopeFrom = value.replace(/^<|>$/g, '');
      else if (k === 'helo') spf.helo = value;
    }
  }
  if (comments.length > 0) {
    spf.comment = comments.join(' ');
    if (spf.clientIp === undefined) {
      const ip = findIp(spf.comment);
      if (ip !== undefined) spf.clientIp = ip;
    }
    // "domain of example.com designates ..." (Microsoft, Gmail) names the checked domain.
    const domainOf = /domain of (?:[^\s@]+@)?([^\s@]+?)\.? (?:does not )?designate/i.exec(spf.comment);
    if (spf.envelopeFrom === undefined && domainOf?.[1] !== undefined) spf.envelopeFrom = domainOf[1];
  }
  return spf;
}
