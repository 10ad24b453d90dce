/**
 * The list health report: entries expiring soon or unused, allows a block shadows, users near
 * their Safe Senders limit, and domain suggestions. The rules are the core's; this reads the lists.
 */
import type { HealthReport } from '../../contracts/lists';
import { computeHealthReport } from '../../core/lists';
import { canReadAll, type Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import type { Store } from '../store/unit-of-work';
import { allEntries } from './entry-view';
import { forbidden } from './errors';
import type { PolicySource } from './settings-service';

export interface ListHealthDeps {
  store: Store;
  clock: Clock;
  /** The accepted domains in force (the portal's settings). */
  policy: PolicySource;
  userListLimit: number;
}

/** Users at or above this share of their Safe Senders limit show in the health report. */
const NEAR_LIMIT_RATIO = 0.9;

export class ListHealthService {
  constructor(private readonly deps: ListHealthDeps) {}

  async health(principal: Principal): Promise<HealthReport> {
    if (!canReadAll(principal)) throw forbidden('the list health report needs the SecurityAdministrator or SecurityReader role');
    const { entries, userLists } = this.deps.store.repos;
    const [tenantEntries, usage, policy] = await Promise.all([
      allEntries(entries),
      userLists.safeSenderCounts(Math.floor(this.deps.userListLimit * NEAR_LIMIT_RATIO)),
      this.deps.policy.current(),
    ]);
    return computeHealthReport({
      now: this.deps.clock.now(),
      tenantEntries,
      safeSendersUsage: usage,
      safeSendersLimit: this.deps.userListLimit,
      acceptedDomains: policy.acceptedDomains,
      nearLimitRatio: NEAR_LIMIT_RATIO,
    });
  }
}
