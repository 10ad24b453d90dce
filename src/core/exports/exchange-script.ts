/**
 * An Exchange Online PowerShell script that applies our lists to a Microsoft 365 tenant:
 * - Tenant Allow/Block List entries with New-TenantAllowBlockListItems (-ListType Sender,
 *   -Allow/-Block, -Entries, -ExpirationDate / -NoExpiration / -RemoveAfter, -Notes);
 * - each user's Safe Senders and Blocked Senders with Set-MailboxJunkEmailConfiguration
 *   -TrustedSendersAndDomains / -BlockedSendersAndDomains @{Add=...; Remove=...}.
 *
 * Every person-supplied value is a single-quoted literal (see powershell-quote.ts); comment
 * lines carry no person-supplied text at all. Expired entries are left out. Pure: the
 * caller passes the clock and gets the text back; nothing is run.
 */
import { entryExpiresAt, isExpired } from '../lists/expiry';
import type { TenantEntry } from '../lists/types';
import { isScriptSafe, psList, psLiteral, sanitiseText } from './powershell-quote';

export interface ExportableTenantEntry extends TenantEntry {
  readonly note: string;
}

export interface MailboxJunkSettings {
  /** The mailbox identity (its address). */
  readonly mailbox: string;
  readonly safeSenders: readonly string[];
  readonly blockedSenders: readonly string[];
  readonly removeSafeSenders?: readonly string[];
  readonly removeBlockedSenders?: readonly string[];
}

export interface ExchangeScriptInput {
  readonly now: Date;
  readonly tenantEntries: readonly ExportableTenantEntry[];
  readonly mailboxes: readonly MailboxJunkSettings[];
}

export interface ScriptProblem {
  /** `tenantEntry`: by entry id; `mailbox`: by position in the input (0-based). */
  readonly kind: 'tenantEntry' | 'mailbox';
  readonly ref: string;
  readonly reason: 'controlCharacters' | 'allowWithoutExpiry' | 'unreadableExpiry' | 'removeAfterNot45';
}

export interface ExchangeScript {
  readonly script: string;
  readonly tenantEntryCount: number;
  /** Left out of the script. */
  readonly skipped: readonly ScriptProblem[];
  /** In the script, but not exactly as stored (see reason). */
  readonly warnings: readonly ScriptProblem[];
}

export const BOM = '\uFEFF';
/** Values per Set-MailboxJunkEmailConfiguration command: keeps lines reviewable. */
export const JUNK_VALUES_PER_COMMAND = 100;
/** Exchange Online's -RemoveAfter accepts 45 (days after last use) only. */
const EXCHANGE_REMOVE_AFTER_DAYS = 45;

/** "2025-03-31 12:00:00Z": the UTC form Exchange's -ExpirationDate documentation uses. */
const psDate = (d: Date): string => `${d.toISOString().slice(0, 19).replace('T', ' ')}Z`;

/**
 * The Tenant Allow/Block List wants special characters in addresses URL-encoded, e.g.
 * "bad+ attacker"@example.com as %22bad%2B%20attacker%22@example.com (Microsoft Learn).
 * Only quoted local parts can contain them.
 */
function tablValue(value: string): string {
  if (!value.startsWith('"')) return value;
  const at = value.lastIndexOf('@');
  return `${encodeURIComponent(value.slice(0, at))}${value.slice(at)}`;
}

function tenantEntryLine(e: ExportableTenantEntry, problems: { skip: ScriptProblem[]; warn: ScriptProblem[] }): string | null {
  const problem = (reason: ScriptProblem['reason']): ScriptProblem => ({ kind: 'tenantEntry', ref: e.id, reason });
  const value = tablValue(e.value);
  if (!isScriptSafe(value)) {
    problems.skip.push(problem('controlCharacters'));
    return null;
  }
  let expiry: string;
  if (e.expiration.type === 'never') {
    if (e.action !== 'block') {
      problems.skip.push(problem('allowWithoutExpiry'));
      return null;
    }
    expiry = '-NoExpiration';
  } else if (e.expiration.type === 'afterLastUsed' && e.action === 'allow' && e.expiration.days === EXCHANGE_REMOVE_AFTER_DAYS) {
    expiry = `-RemoveAfter ${EXCHANGE_REMOVE_AFTER_DAYS}`;
  } else {
    const at = entryExpiresAt(e);
    if (at === null) {
      problems.skip.push(problem('unreadableExpiry'));
      return null;
    }
    if (e.expiration.type === 'afterLastUsed') problems.warn.push(problem('removeAfterNot45'));
    expiry = `-ExpirationDate ${psLiteral(psDate(at))}`;
  }
  const action = e.action === 'allow' ? '-Allow' : '-Block';
  const note = sanitiseText(e.note).trim();
  const notes = note.length > 0 ? ` -Notes ${psLiteral(note)}` : '';
  return `New-TenantAllowBlockListItems -ListType Sender ${action} -Entries ${psLiteral(value)} ${expiry}${notes}`;
}

/** `@{Add='a','b'; Remove='c'}`, or null when there is nothing to change. */
function hashTable(add: readonly string[], remove: readonly string[]): string | null {
  const parts: string[] = [];
  if (add.length > 0) parts.push(`Add=${psList(add)}`);
  if (remove.length > 0) parts.push(`Remove=${psList(remove)}`);
  return parts.length === 0 ? null : `@{${parts.join('; ')}}`;
}

interface JunkChange {
  add: string[];
  remove: string[];
}

/** Additions then removals, JUNK_VALUES_PER_COMMAND values per command. */
function changeChunks(add: readonly string[], remove: readonly string[]): JunkChange[] {
  const ops = [...add.map((v) => ({ add: true, v })), ...remove.map((v) => ({ add: false, v }))];
  const out: JunkChange[] = [];
  for (let i = 0; i < ops.length; i += JUNK_VALUES_PER_COMMAND) {
    const slice = ops.slice(i, i + JUNK_VALUES_PER_COMMAND);
    out.push({ add: slice.filter((o) => o.add).map((o) => o.v), remove: slice.filter((o) => !o.add).map((o) => o.v) });
  }
  return out;
}

function mailboxLines(m: MailboxJunkSettings, index: number, skip: ScriptProblem[]): string[] {
  const removeSafe = m.removeSafeSenders ?? [];
  const removeBlocked = m.removeBlockedSenders ?? [];
  if (![m.mailbox, ...m.safeSenders, ...m.blockedSenders, ...removeSafe, ...removeBlocked].every(isScriptSafe)) {
    skip.push({ kind: 'mailbox', ref: String(index), reason: 'controlCharacters' });
    return [];
  }
  const trusted = changeChunks(m.safeSenders, removeSafe);
  const blocked = changeChunks(m.blockedSenders, removeBlocked);
  const lines: string[] = [];
  for (let i = 0; i < Math.max(trusted.length, blocked.length); i += 1) {
    const t = trusted[i];
    const b = blocked[i];
    const tt = t === undefined ? null : hashTable(t.add, t.remove);
    const bt = b === undefined ? null : hashTable(b.add, b.remove);
    lines.push(
      `Set-MailboxJunkEmailConfiguration -Identity ${psLiteral(m.mailbox)}` +
        (tt === null ? '' : ` -TrustedSendersAndDomains ${tt}`) +
        (bt === null ? '' : ` -BlockedSendersAndDomains ${bt}`),
    );
  }
  return lines;
}

export function generateExchangeScript(input: ExchangeScriptInput): ExchangeScript {
  const skip: ScriptProblem[] = [];
  const warn: ScriptProblem[] = [];
  const live = input.tenantEntries.filter((e) => !isExpired(e, input.now));
  const entryLines = live
    .map((e) => tenantEntryLine(e, { skip, warn }))
    .filter((l): l is string => l !== null);
  const junkLines = input.mailboxes.flatMap((m, i) => mailboxLines(m, i, skip));
  // The byte order mark makes Windows PowerShell 5.1 read the file as UTF-8. Without it,
  // it reads the system code page, where UTF-8 bytes such as 0x91/0x92 (inside "ё", for
  // one) decode as ‘ ’, which PowerShell takes for quotes. Keep it when saving the file.
  const script = BOM + [
    `# Second Look: Exchange Online export, generated ${input.now.toISOString()}.`,
    '# Run it in Exchange Online PowerShell after Connect-ExchangeOnline, and read it first.',
    `# Tenant Allow/Block List entries: ${entryLines.length} (expired entries left out). Mailboxes: ${input.mailboxes.length}.`,
    "$ErrorActionPreference = 'Stop'",
    '',
    '# Tenant Allow/Block List: domains and addresses',
    ...entryLines,
    '',
    '# Safe Senders and Blocked Senders of users',
    ...junkLines,
    '',
  ].join('\r\n');
  return { script, tenantEntryCount: entryLines.length, skipped: skip, warnings: warn };
}
