/**
 * An independent reading of PowerShell single-quoted literals, for checking generated
 * scripts: PowerShell treats ' ‘ ’ ‚ ‛ all as single quotes, and inside a literal a quote
 * character followed by another stands for the second one. Returns the line with each
 * literal replaced by 'L', and the literals' values. Throws on an unterminated literal.
 */
const QUOTES = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);

export function readLiterals(line: string): { shape: string; literals: string[] } {
  const chars = [...line];
  let shape = '';
  const literals: string[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] as string;
    if (!QUOTES.has(c)) {
      shape += c;
      i += 1;
      continue;
    }
    let j = i + 1;
    let value = '';
    for (;;) {
      if (j >= chars.length) throw new Error(`unterminated literal in: ${line}`);
      const d = chars[j] as string;
      if (QUOTES.has(d)) {
        const next = chars[j + 1];
        if (next !== undefined && QUOTES.has(next)) {
          value += next;
          j += 2;
          continue;
        }
        break;
      }
      value += d;
      j += 1;
    }
    literals.push(value);
    shape += "'L'";
    i = j + 1;
  }
  return { shape, literals };
}

const LIST = "'L'(?:,'L')*";
const HASH = `@\\{(?:Add=${LIST}(?:; Remove=${LIST})?|Remove=${LIST})\\}`;
/** Every line shape the generator may produce; nothing else is allowed. */
export const LINE_SHAPES: readonly RegExp[] = [
  /^$/,
  /^# [A-Za-z0-9 ,.:()/-]*$/,
  /^\$ErrorActionPreference = 'L'$/,
  /^New-TenantAllowBlockListItems -ListType Sender -(?:Allow|Block) -Entries 'L' (?:-NoExpiration|-RemoveAfter 45|-ExpirationDate 'L')(?: -Notes 'L')?$/,
  new RegExp(`^Set-MailboxJunkEmailConfiguration -Identity 'L'(?: -TrustedSendersAndDomains ${HASH})?(?: -BlockedSendersAndDomains ${HASH})?$`),
];
