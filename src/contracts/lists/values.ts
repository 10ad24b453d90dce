/** The values every list holds, and the words for what an entry does and where it came from. */
import { Type, type Static } from '@sinclair/typebox';
import { literalUnion } from '../common';

/** An email address, a domain, `@domain` (Outlook's spelling) or, for block entries, `*.domain`. */
export const ListValue = Type.String({
  minLength: 1,
  maxLength: 320,
  pattern: '^[^\\u0000-\\u001f\\u007f]+$',
  description: 'An email address (user@example.com) or a domain (example.com)',
});

export const NOTE_MAX_LENGTH = 500;
export const Note = Type.String({ maxLength: NOTE_MAX_LENGTH });

export const LIST_VALUE_TYPES = ['address', 'domain'] as const;
export const ListValueType = literalUnion(LIST_VALUE_TYPES);
export type ListValueType = Static<typeof ListValueType>;

export const ENTRY_ACTIONS = ['allow', 'block'] as const;
export const EntryAction = literalUnion(ENTRY_ACTIONS);
export type EntryAction = Static<typeof EntryAction>;

/** `direct`: typed in by an admin. `submission`: made while reviewing a submission, which
 * lets an allow entry use the last-used rule and override high-confidence phishing. */
export const ENTRY_SOURCES = ['direct', 'submission'] as const;
export const EntrySource = literalUnion(ENTRY_SOURCES);
export type EntrySource = Static<typeof EntrySource>;
