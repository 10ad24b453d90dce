/**
 * Quarantine policies as an admin manages them (Settings): the organisation's own policies
 * beside the four built-in ones (which cannot change, as in Exchange Online), and which policy
 * each quarantine reason's messages get. Saved in the database and audited; until an admin
 * saves, the environment's mapping (SECOND_LOOK_QUARANTINE_POLICIES) applies.
 *
 * Intake and the end-user quarantine read the policies through `current()`, cached for a few
 * seconds like the other settings: a change made here applies at once on this instance, on
 * others within CACHE_MS. A message keeps the policy it was quarantined under; a policy some
 * message is still under cannot be removed (409), so what recipients may do never changes
 * under them by surprise.
 */
import type { QuarantinePolicyBody, QuarantinePolicySettings, QuarantinePolicySettingsResponse, ReasonPolicies } from '../../contracts/portal/quarantine-policies';
import { QUARANTINE_REASONS } from '../../contracts/quarantine';
import { canAdminister, canReadAll, type Principal } from '../../core/permissions';
import { BUILT_IN_POLICIES, builtInPolicy, permissionProblems, type QuarantinePolicy } from '../../core/quarantine';
import type { Clock } from '../../core/time/clock';
import type { Store } from '../store/unit-of-work';
import { badRequest, forbidden, ServiceError } from './errors';

export const QUARANTINE_POLICIES_KEY = 'quarantinePolicies';
const CACHE_MS = 5_000;

/** The policies in force: every policy by name, and each reason's. */
export interface PoliciesInForce {
  byName(name: string): QuarantinePolicy | undefined;
  reasonPolicies: Readonly<ReasonPolicies>;
}

interface Stored {
  settings: QuarantinePolicySettings;
  modifiedDateTime: string | null;
  modifiedBy: string | null;
}

const BUILT_IN: QuarantinePolicyBody[] = Object.values(BUILT_IN_POLICIES).map((p) => ({ name: p.name, permissions: p.permissions, notificationEnabled: p.notificationEnabled }));

export interface QuarantinePoliciesDeps {
  store: Store;
  clock: Clock;
  /** The environment's mapping: in force until an admin saves, and for any reason a saved mapping lacks. */
  defaults: Readonly<ReasonPolicies>;
  logError?: (error: unknown, message: string) => void;
}

export class QuarantinePoliciesService {
  private cached: { at: number; stored: Stored; inForce: PoliciesInForce } | undefined;
  /** Bumped by every save: a read that began before it is not cached after it. */
  private generation = 0;

  constructor(private readonly deps: QuarantinePoliciesDeps) {}

  /**
   * The settings a stored row holds, with the environment's mapping for any reason it lacks (a
   * reason added after it was saved). A row that cannot be read leaves the environment's
   * mapping and the built-in policies in force, and says so in the log.
   */
  private settingsOf(row: { value: string } | undefined): QuarantinePolicySettings {
    const fallback: QuarantinePolicySettings = { policies: [], reasonPolicies: { ...this.deps.defaults } };
    if (row === undefined) return fallback;
    try {
      const parsed = JSON.parse(row.value) as Partial<QuarantinePolicySettings>;
      return { policies: Array.isArray(parsed.policies) ? parsed.policies : [], reasonPolicies: { ...this.deps.defaults, ...parsed.reasonPolicies } };
    } catch (error) {
      this.deps.logError?.(error, 'the saved quarantine policies cannot be read; the built-in policies and the environment\'s mapping apply');
      return fallback;
    }
  }

  private async stored(): Promise<{ stored: Stored; inForce: PoliciesInForce }> {
    const now = this.deps.clock.now().getTime();
    if (this.cached !== undefined && now - this.cached.at < CACHE_MS && now >= this.cached.at) return this.cached;
    const generation = this.generation;
    const row = await this.deps.store.repos.settings.get(QUARANTINE_POLICIES_KEY);
    const stored: Stored = { settings: this.settingsOf(row), modifiedDateTime: row?.modified_date_time ?? null, modifiedBy: row?.modified_by ?? null };
    const own = new Map(stored.settings.policies.map((p) => [p.name, p]));
    const inForce: PoliciesInForce = { byName: (name) => builtInPolicy(name) ?? own.get(name), reasonPolicies: stored.settings.reasonPolicies };
    const read = { at: now, stored, inForce };
    // A save while this read was under way made it stale: answer with it, but do not keep it.
    if (generation === this.generation) this.cached = read;
    return read;
  }

  /** The policies in force (cached for a few seconds). */
  async current(): Promise<PoliciesInForce> {
    return (await this.stored()).inForce;
  }

  /** GET /api/settings/quarantine-policies */
  async get(principal: Principal): Promise<QuarantinePolicySettingsResponse> {
    if (!canReadAll(principal)) throw forbidden('the settings need the SecurityAdministrator or SecurityReader role');
    const { stored } = await this.stored();
    return { builtIn: BUILT_IN, ...stored.settings, modifiedDateTime: stored.modifiedDateTime, modifiedBy: stored.modifiedBy };
  }

  /** PUT /api/settings/quarantine-policies: the own policies and the mapping, whole; checked, saved and audited. */
  async put(principal: Principal, body: QuarantinePolicySettings): Promise<QuarantinePolicySettingsResponse> {
    if (!canAdminister(principal)) throw forbidden('changing the settings needs the SecurityAdministrator role');
    const settings = checked(body);
    const at = this.deps.clock.now().toISOString();
    const kept = new Set(settings.policies.map((p) => p.name));
    await this.deps.store.transaction(async (unit) => {
      // What is saved now (another instance may have saved since this one cached it), not the cache.
      const before = this.settingsOf(await unit.settings.get(QUARANTINE_POLICIES_KEY));
      const removed = before.policies.map((p) => p.name).filter((name) => !kept.has(name));
      const inUse = await unit.quarantine.policiesInUse(removed);
      if (inUse.length > 0) {
        throw new ServiceError(409, 'policyInUse', `${inUse.join(', ')} ${inUse.length === 1 ? 'is' : 'are'} the policy of quarantined messages; map the reasons elsewhere and remove it once those messages have expired`);
      }
      await unit.settings.put({ key: QUARANTINE_POLICIES_KEY, value: JSON.stringify(settings), modified_by: principal.email, modified_date_time: at });
      await unit.audit.append([{ at, actor: principal.email, actorSubject: principal.id, action: 'settings.quarantinePoliciesChanged', targetType: 'settings', targetId: QUARANTINE_POLICIES_KEY, detail: { before, after: settings } }]);
    });
    this.generation++;
    this.cached = undefined;
    return { builtIn: BUILT_IN, ...settings, modifiedDateTime: at, modifiedBy: principal.email };
  }
}

/** The settings in their one form, or a 400 naming what is wrong. */
function checked(body: QuarantinePolicySettings): QuarantinePolicySettings {
  const names = new Set<string>();
  const policies: QuarantinePolicyBody[] = [];
  for (const policy of body.policies) {
    const name = policy.name;
    const key = name.toLowerCase();
    if (Object.keys(BUILT_IN_POLICIES).some((b) => b.toLowerCase() === key)) throw badRequest('builtInPolicyName', `${name} is a built-in policy; give your own policy another name`);
    if (names.has(key)) throw badRequest('duplicatePolicyName', `two policies are called ${name}`);
    const problems = permissionProblems(policy.permissions);
    if (problems.length > 0) throw badRequest('invalidPermissions', `${name}: ${problems.join('; ')}`);
    names.add(key);
    policies.push({ name, permissions: policy.permissions, notificationEnabled: policy.notificationEnabled });
  }
  const known = (name: string) => builtInPolicy(name) !== undefined || policies.some((p) => p.name === name);
  for (const reason of QUARANTINE_REASONS) {
    const name = body.reasonPolicies[reason];
    if (!known(name)) throw badRequest('unknownPolicy', `reasonPolicies.${reason}: ${name} is neither a built-in policy nor one of yours`);
  }
  return { policies, reasonPolicies: { ...body.reasonPolicies } };
}
