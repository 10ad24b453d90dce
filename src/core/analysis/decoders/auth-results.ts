/**
 * RFC 8601 Authentication-Results and RFC 8617 ARC-Authentication-Results.
 *
 * Real stamps differ from the RFC in ways we must accept: Exchange Online omits the
 * authserv-id and starts with `spf=...`, uses a bare `action=` property on dmarc and puts
 * the client IP in a comment; ARC-Authentication-Results starts with `i=N;`, and Microsoft
 * adds a version number after the authserv-id (`mx.microsoft.com 1;`).
 */
import type { AuthMethodResult, HeaderField } from '../types';
import type { ProblemLog } from '../problem-log';
import { classifyCompauthReason } from './compauth';
import { findIp } from '../../net/addresses';
import { lowerCased, nameTable, readKeyValues } from './key-values';
import { splitTopLevel, stripComments, type Uncommented } from './comments';

const RESINFO_START = /^[A-Za-z0-9_.-]+(?:\/\d+)?\s*=/;
const IP_PROPERTIES = ['smtp.remote-ip', 'smtp.client-ip', 'policy.iprev'];
/** RFC 8601's registered methods and the properties stamps use (see nameTable for why). */
const knownMethod = nameTable(['spf', 'dkim', 'dmarc', 'compauth', 'arc', 'iprev', 'auth', 'bimi', 'dkim-atps', 'sender-id', 'domainkeys', 'x-google-dkim']);
const knownProperty = nameTable([
  'smtp.mailfrom', 'smtp.helo', 'smtp.auth', 'smtp.remote-ip', 'smtp.client-ip', 'header.from', 'header.d', 'header.i',
  'header.s', 'header.b', 'header.a', 'header.sender', 'header.selector', 'policy.iprev', 'policy.dmarc', 'policy.published-domain-policy',
  'policy.applied-disposition', 'policy.evaluated-disposition', 'policy.ptype', 'action', 'policy.authority',
]);

export function parseAuthenticationResults(
  field: HeaderField,
  log: ProblemLog,
  isArc: boolean,
): AuthMethodResult[] {
  const { segments, unterminated } = splitTopLevel(field.value, ';');
  if (unterminated) log.add(field.name, 'truncated', 'a comment or quoted string is not closed');
  if (segments.length === 0) {
    log.add(field.name, 'emptyValue', 'no authentication results');
    return [];
  }
  let next = 0;
  let instance: number | undefined;
  if (isArc) {
    const m = /^i\s*=\s*(\d{1,3})$/.exec(segments[0] ?? '');
    if (m) {
      instance = Number(m[1]);
      next = 1;
    } else log.add(field.name, 'unreadableValue', 'missing the ARC instance tag i=');
  }
  let authservId: string | undefined;
  const head = segments[next];
  const headUncommented = head === undefined ? undefined : stripComments(head);
  let reuse: Uncommented | undefined = headUncommented;
  if (headUncommented !== undefined && !RESINFO_START.test(headUncommented.text)) {
    authservId = headUncommented.text.split(/\s/)[0];
    next++;
    reuse = undefined;
  }

  const results: AuthMethodResult[] = [];
  for (let i = next; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const parsed = parseResinfo(segment, i === next ? reuse : undefined, field.name, authservId, instance);
    if (parsed) results.push(parsed);
    else if (stripComments(segment).text.toLowerCase() !== 'none') {
      log.add(field.name, 'unreadableValue', `not a method=result statement: ${segment}`);
    }
  }
  return results;
}

function parseResinfo(
  segment: string,
  uncommented: Uncommented | undefined,
  header: string,
  authservId: string | undefined,
  instance: number | undefined,
): AuthMethodResult | undefined {
  const { text, comments } = uncommented ?? stripComments(segment);
  const words = readKeyValues(text);
  const first = words[0];
  if (first === undefined || first.key === '' || first.value === '') return undefined;
  // "dkim/2=pass": the method's version is not part of its name.
  const slash = first.key.indexOf('/');
  const method = knownMethod(lowerCased(slash === -1 ? first.key : first.key.slice(0, slash)));
  if (method.length === 0) return undefined;

  const properties: Record<string, string> = {};
  let reason: string | undefined;
  for (let k = 1; k < words.length; k++) {
    const w = words[k];
    if (w === undefined || w.key === '') continue;
    const key = knownProperty(lowerCased(w.key));
    if (key === 'reason') reason = w.value;
    // An own property only: "constructor=" must not find Object.prototype's.
    else if (!Object.hasOwn(properties, key)) properties[key] = w.value;
  }
  const result: AuthMethodResult = {
    method,
    result: lowerCased(first.value),
    properties,
    text: segment,
    header,
  };
  if (reason !== undefined) result.reason = reason;
  if (method === 'compauth') result.reasonClass = classifyCompauthReason(reason);
  if (comments.length > 0) result.comment = comments.length === 1 ? (comments[0] ?? '') : comments.join(' ');
  const ip = findIpIn(result.comment, properties);
  if (ip !== undefined) result.ip = ip;
  if (authservId !== undefined) result.authservId = authservId;
  if (instance !== undefined) result.instance = instance;
  return result;
}

function findIpIn(comment: string | undefined, properties: Record<string, string>): string | undefined {
  for (const key of IP_PROPERTIES) {
    const v = properties[key];
    if (v !== undefined) return v;
  }
  return comment === undefined ? undefined : findIp(comment);
}
