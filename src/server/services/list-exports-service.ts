/**
 * The exports that carry the lists to real filters: an Exchange Online PowerShell script and
 * Rspamd multimap files. What goes in them is the core's; this reads the lists.
 */
import { expiresAtMs } from '../../core/lists';
import { generateExchangeScript, generateRspamdMaps, type RspamdMaps } from '../../core/exports';
import { canReadAll, type Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import type { Store } from '../store/unit-of-work';
import { allEntries, ENTRY_AUDIT_TARGET } from './entry-view';
import { forbidden } from './errors';

export interface ListExportsDeps {
  store: Store;
  clock: Clock;
}

export class ListExportsService {
  constructor(private readonly deps: ListExportsDeps) {}

  async exchangeScript(principal: Principal): Promise<string> {
    if (!canReadAll(principal)) throw forbidden('the Exchange Online export needs the SecurityAdministrator or SecurityReader role');
    const { entries, userLists } = this.deps.store.repos;
    const [tenantEntries, rows] = await Promise.all([allEntries(entries), userLists.everyone()]);
    const byMailbox = new Map<string, { safe: string[]; blocked: string[] }>();
    for (const row of rows) {
      const lists = byMailbox.get(row.owner_email) ?? { safe: [], blocked: [] };
      (row.list === 'safe' ? lists.safe : lists.blocked).push(row.value);
      byMailbox.set(row.owner_email, lists);
    }
    const mailboxes = [...byMailbox].map(([mailbox, lists]) => ({ mailbox, safeSenders: lists.safe, blockedSenders: lists.blocked }));
    return generateExchangeScript({ now: this.deps.clock.now(), tenantEntries, mailboxes }).script;
  }

  /**
   * The Rspamd maps and when their content last changed: the later of the newest change to
   * the list (every create, update, delete and expiry writes an audit row) and the newest
   * expiry that has passed (an entry drops out of the maps at that instant, sweep or not).
   */
  async rspamdMaps(): Promise<{ maps: RspamdMaps; lastModified: Date }> {
    const now = this.deps.clock.now();
    const { entries: repo, audit } = this.deps.store.repos;
    const [entries, changed] = await Promise.all([allEntries(repo), audit.lastChangeAt(ENTRY_AUDIT_TARGET)]);
    let last = changed ? Date.parse(changed) : 0;
    for (const entry of entries) {
      const at = expiresAtMs(entry);
      if (Number.isFinite(at) && at <= now.getTime()) last = Math.max(last, at);
    }
    return { maps: generateRspamdMaps(entries, now), lastModified: new Date(last) };
  }
}
