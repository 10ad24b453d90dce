/**
 * Words for a server's refusal, in the user's language, from its code: never the server's
 * English `message`. A code this version has no words for is named in a generic sentence, so
 * support can still tell what happened.
 */
import type { Catalog, ServerErrorCode } from '../../i18n';
import type { OutboxEntry } from '../outbox/types';
import type { Refusal, RefusalReason } from './refusal';

function hasWords(code: string, strings: Catalog): code is ServerErrorCode {
  // Not Object.hasOwn: classic Outlook's JavaScript-only runtime may predate ES2022.
  return Object.prototype.hasOwnProperty.call(strings.serverErrors.codes, code);
}

/** One reason as a sentence, with its figures when the server gave them. */
export function reasonText(reason: RefusalReason, strings: Catalog): string {
  const texts = strings.serverErrors;
  if (reason.code === 'limitReached' && reason.used !== undefined && reason.limit !== undefined) {
    return texts.limitReached(reason.used, reason.limit);
  }
  if (reason.code === 'expiryTooFar' && reason.maxDays !== undefined) return texts.expiryTooFar(reason.maxDays);
  return hasWords(reason.code, strings) ? texts.codes[reason.code] : texts.unknown(reason.code);
}

/** The whole refusal: each reason once, in the server's order. */
export function refusalText(refusal: Refusal, strings: Catalog): string {
  const reasons: RefusalReason[] =
    refusal.reasons.length > 0 ? refusal.reasons : refusal.code !== null ? [{ code: refusal.code }] : [];
  if (reasons.length === 0) return strings.serverErrors.withoutCode(refusal.status);
  const sentences: string[] = [];
  for (const reason of reasons) {
    const text = reasonText(reason, strings);
    if (!sentences.includes(text)) sentences.push(text);
  }
  return sentences.join(' ');
}

/** Why an outbox entry failed: the server's refusal, or (its stored report was lost) the generic sentence. */
export function failedEntryText(entry: Pick<OutboxEntry, 'refusal'>, strings: Catalog): string {
  return entry.refusal ? refusalText(entry.refusal, strings) : strings.errors.unexpected;
}
