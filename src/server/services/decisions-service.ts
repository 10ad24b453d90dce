/**
 * Decisions: what the filter does with a message under today's lists, and why. Live decisions
 * (a real message being filtered) also record that the deciding entries were used; a what-if
 * (analysis) changes nothing. The health report and the exports are in list-health-service.ts
 * and list-exports-service.ts.
 */
import type { Decision, MessageFacts } from '../../contracts/lists';
import { buildUserIndex, decide, DEFAULT_POLICY, type DecisionPolicy } from '../../core/lists';
import { canAdminister, type Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import type { UserListRow } from '../store/user-lists-repo';
import type { Store } from '../store/unit-of-work';
import { allEntries, ENTRY_AUDIT_TARGET } from './entry-view';
import { forbidden } from './errors';
import type { PolicySource } from './settings-service';
import { TenantIndexCache, type BuildTenantIndex } from './tenant-index-cache';

export interface DecisionsDeps {
  store: Store;
  clock: Clock;
  /** How the tenant index is built: the core's, unless a test counts builds. */
  buildTenantIndex?: BuildTenantIndex;
  /** The bulk threshold and actions in force (the portal's settings); Defender's defaults without. */
  policy?: PolicySource;
}

/** The settings' policy as decide() reads it: malware and high-confidence phishing always quarantine. */
async function decisionPolicy(source: PolicySource | undefined): Promise<DecisionPolicy> {
  if (source === undefined) return DEFAULT_POLICY;
  const { bulkThreshold, actions } = await source.current();
  return { bulkThreshold, actions: { ...actions, highConfidencePhishing: 'quarantine', malware: 'quarantine' } };
}

const toUserEntry = (r: UserListRow) => ({ id: r.id, value: r.value });

export class DecisionsService {
  private readonly tenantIndex: TenantIndexCache;

  constructor(private readonly deps: DecisionsDeps) {
    const { entries, audit } = deps.store.repos;
    this.tenantIndex = new TenantIndexCache(
      { version: () => audit.lastChangeId(ENTRY_AUDIT_TARGET), entries: () => allEntries(entries) },
      deps.buildTenantIndex,
    );
  }

  /**
   * The decision for a message with today's lists. `live` means a real message is being
   * filtered: the entries that decided it get their last-used date, which keeps "remove N
   * days after last used" entries alive. A what-if is not live and changes nothing.
   */
  async decide(message: MessageFacts, recipient: string | undefined, live: boolean): Promise<Decision> {
    const now = this.deps.clock.now();
    const { entries, userLists } = this.deps.store.repos;
    const [tenant, userRows, policy] = await Promise.all([
      this.tenantIndex.current(now),
      recipient ? userLists.ofRecipient(recipient.toLowerCase()) : Promise.resolve([]),
      decisionPolicy(this.deps.policy),
    ]);
    const decision = decide(message, {
      tenant,
      policy,
      user: buildUserIndex(userRows.filter((r) => r.list === 'safe').map(toUserEntry), userRows.filter((r) => r.list === 'blocked').map(toUserEntry)),
      now,
    });
    if (live) await entries.markUsed(decision.usedTenantEntryIds, now.toISOString());
    return decision;
  }

  async liveDecision(principal: Principal, message: MessageFacts, recipient: string | undefined): Promise<Decision> {
    if (!canAdminister(principal)) throw forbidden('live decisions record list use; they need the SecurityAdministrator role');
    return this.decide(message, recipient, true);
  }
}
