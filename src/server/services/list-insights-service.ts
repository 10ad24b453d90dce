/**
 * What the lists mean beyond their rows: the health report, live decisions (which also
 * record that an entry was used), and the exports that carry the lists to real filters —
 * an Exchange Online PowerShell script and Rspamd multimap files.
 */
import type { Decision, HealthReport, MessageFacts } from '../../contracts/lists';
import { buildTenantIndex, buildUserIndex, computeHealthReport, decide, expiresAtMs, type TenantListIndex } from '../../core/lists';
import { generateExchangeScript, generateRspamdMaps, type RspamdMaps } from '../../core/exports';
import { canAdminister, canReadAll, type Principal } from '../../core/permissions';
import { allEntries, listFingerprint, markUsed } from '../store/allow-block-repo';
import { lastChangeOf } from '../store/audit-repo';
import type { Db } from '../store/database';
import { recipientLists, safeSenderCounts } from '../store/user-lists-repo';
import { ENTRY_AUDIT_TARGET } from './allow-block-service';
import { forbidden } from './errors';
import type { Clock } from './submissions-service';

export interface ListInsightsDeps {
  db: Db;
  clock: Clock;
  acceptedDomains: readonly string[];
  userListLimit: number;
}

/** Users at or above this share of their Safe Senders limit show in the health report. */
const NEAR_LIMIT_RATIO = 0.9;

export class ListInsightsService {
  /** The tenant index and the list fingerprint it was built from (see listFingerprint). */
  private tenantIndex: { fingerprint: string; index: TenantListIndex } | undefined;

  constructor(private readonly deps: ListInsightsDeps) {}

  /**
   * Building the index for thousands of entries takes ~100 ms: a live decision per message
   * cannot pay that each time. It is rebuilt only when the list's fingerprint changes.
   */
  private async currentTenantIndex(): Promise<TenantListIndex> {
    const fingerprint = await listFingerprint(this.deps.db, ENTRY_AUDIT_TARGET);
    if (this.tenantIndex?.fingerprint !== fingerprint) {
      this.tenantIndex = { fingerprint, index: buildTenantIndex(await allEntries(this.deps.db)) };
    }
    return this.tenantIndex.index;
  }

  async health(principal: Principal): Promise<HealthReport> {
    if (!canReadAll(principal)) throw forbidden('the list health report needs the SecurityAdministrator or SecurityReader role');
    const [tenantEntries, usage] = await Promise.all([
      allEntries(this.deps.db),
      safeSenderCounts(this.deps.db, Math.floor(this.deps.userListLimit * NEAR_LIMIT_RATIO)),
    ]);
    return computeHealthReport({
      now: this.deps.clock.now(),
      tenantEntries,
      safeSendersUsage: usage,
      safeSendersLimit: this.deps.userListLimit,
      acceptedDomains: this.deps.acceptedDomains,
      nearLimitRatio: NEAR_LIMIT_RATIO,
    });
  }

  /**
   * The decision for a message with today's lists. `live` means a real message is being
   * filtered: the entries that decided it get their last-used date, which keeps "remove N
   * days after last used" entries alive. A what-if is not live and changes nothing.
   */
  async decide(message: MessageFacts, recipient: string | undefined, live: boolean): Promise<Decision> {
    const now = this.deps.clock.now();
    const [tenant, userRows] = await Promise.all([
      this.currentTenantIndex(),
      recipient ? recipientLists(this.deps.db, recipient.toLowerCase()) : Promise.resolve([]),
    ]);
    const toUserEntry = (r: { id: string; value: string }) => ({ id: r.id, value: r.value });
    const decision = decide(message, {
      tenant,
      user: buildUserIndex(userRows.filter((r) => r.list === 'safe').map(toUserEntry), userRows.filter((r) => r.list === 'blocked').map(toUserEntry)),
      now,
    });
    if (live) await markUsed(this.deps.db, decision.usedTenantEntryIds, now.toISOString());
    return decision;
  }

  async liveDecision(principal: Principal, message: MessageFacts, recipient: string | undefined): Promise<Decision> {
    if (!canAdminister(principal)) throw forbidden('live decisions record list use; they need the SecurityAdministrator role');
    return this.decide(message, recipient, true);
  }

  async exchangeScript(principal: Principal): Promise<string> {
    if (!canReadAll(principal)) throw forbidden('the Exchange Online export needs the SecurityAdministrator or SecurityReader role');
    const [tenantEntries, rows] = await Promise.all([allEntries(this.deps.db), this.deps.db.selectFrom('user_list_entries').selectAll().orderBy('owner_email').execute()]);
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
    const [entries, changed] = await Promise.all([allEntries(this.deps.db), lastChangeOf(this.deps.db, ENTRY_AUDIT_TARGET)]);
    let last = changed ? Date.parse(changed) : 0;
    for (const entry of entries) {
      const at = expiresAtMs(entry);
      if (Number.isFinite(at) && at <= now.getTime()) last = Math.max(last, at);
    }
    return { maps: generateRspamdMaps(entries, now), lastModified: new Date(last) };
  }
}
