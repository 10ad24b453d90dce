/**
 * Settings an admin changes in the portal: the policy values decide() and the analyzer read,
 * who sends notices, who is told of release requests, the accepted domains, and the notice templates. Saved in the database and
 * audited in the same transaction; until an admin saves one, the environment's value applies.
 *
 * Other services read the policy through `current()`, cached for a few seconds: a change made
 * on this instance applies at once, one made on another instance within CACHE_MS.
 */
import type { PolicySettings, PolicySettingsResponse } from '../../contracts/portal/settings';
import { normaliseAddress, normaliseDomain } from '../../core/lists';
import { canAdminister, canReadAll, type Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import type { Store } from '../store/unit-of-work';
import { badRequest, forbidden } from './errors';

export const POLICY_KEY = 'policy';
const CACHE_MS = 5_000;

/** The policy as the services apply it. */
export interface EffectivePolicy extends PolicySettings {
  /** False while the bulk threshold is the built-in 7 (the analyzer then infers a stricter one from the headers). */
  bulkThresholdConfigured: boolean;
}

export interface PolicySource {
  current(): Promise<EffectivePolicy>;
}

/** Where the policy comes from until an admin saves one: the environment and the built-ins. */
export interface PolicyDefaults {
  noticeSender: string;
  acceptedDomains: readonly string[];
  bulkThreshold: number | undefined;
  actions: PolicySettings['actions'];
}

interface StoredPolicy {
  policy: PolicySettings;
  modifiedDateTime: string | null;
  modifiedBy: string | null;
}

export class SettingsService implements PolicySource {
  private cached: { at: number; stored: StoredPolicy } | undefined;

  constructor(private readonly deps: { store: Store; clock: Clock; defaults: PolicyDefaults }) {}

  private defaults(): PolicySettings {
    const d = this.deps.defaults;
    return { noticeSender: d.noticeSender, acceptedDomains: [...d.acceptedDomains], releaseRequestRecipients: [], noticeLanguage: 'en-US', bulkThreshold: d.bulkThreshold ?? 7, actions: { ...d.actions } };
  }

  private async stored(): Promise<StoredPolicy> {
    const now = this.deps.clock.now().getTime();
    if (this.cached !== undefined && now - this.cached.at < CACHE_MS && now >= this.cached.at) return this.cached.stored;
    const row = await this.deps.store.repos.settings.get(POLICY_KEY);
    const stored: StoredPolicy = row === undefined
      ? { policy: this.defaults(), modifiedDateTime: null, modifiedBy: null }
      : { policy: { ...this.defaults(), ...(JSON.parse(row.value) as Partial<PolicySettings>) }, modifiedDateTime: row.modified_date_time, modifiedBy: row.modified_by };
    this.cached = { at: now, stored };
    return stored;
  }

  async current(): Promise<EffectivePolicy> {
    const stored = await this.stored();
    return { ...stored.policy, bulkThresholdConfigured: stored.modifiedDateTime !== null || this.deps.defaults.bulkThreshold !== undefined };
  }

  /** GET /api/settings/policy */
  async getPolicy(principal: Principal): Promise<PolicySettingsResponse> {
    if (!canReadAll(principal)) throw forbidden('the settings need the SecurityAdministrator or SecurityReader role');
    const stored = await this.stored();
    return { ...stored.policy, modifiedDateTime: stored.modifiedDateTime, modifiedBy: stored.modifiedBy };
  }

  /** PUT /api/settings/policy: the whole policy, checked, saved and audited (before → after). */
  async putPolicy(principal: Principal, body: PolicySettings): Promise<PolicySettingsResponse> {
    if (!canAdminister(principal)) throw forbidden('changing the settings needs the SecurityAdministrator role');
    const policy = checkedPolicy(body);
    const at = this.deps.clock.now().toISOString();
    const before = (await this.stored()).policy;
    await this.deps.store.transaction(async (unit) => {
      await unit.settings.put({ key: POLICY_KEY, value: JSON.stringify(policy), modified_by: principal.email, modified_date_time: at });
      await unit.audit.append([{ at, actor: principal.email, actorSubject: principal.id, action: 'settings.policyChanged', targetType: 'settings', targetId: POLICY_KEY, detail: { before, after: policy } }]);
    });
    this.cached = undefined;
    return { ...policy, modifiedDateTime: at, modifiedBy: principal.email };
  }
}

/** The policy in its one form: domains and addresses normalised and unique, the sender a valid address. */
function checkedPolicy(body: PolicySettings): PolicySettings {
  const sender = normaliseAddress(body.noticeSender);
  if (!sender.ok) throw badRequest('invalidNoticeSender', `noticeSender: ${sender.errors.map((e) => e.message).join(' ')}`);
  const domains: string[] = [];
  for (const raw of body.acceptedDomains) {
    const domain = normaliseDomain(raw);
    if (!domain.ok) throw badRequest('invalidAcceptedDomain', `acceptedDomains: "${raw}": ${domain.errors.map((e) => e.message).join(' ')}`);
    if (!domains.includes(domain.value)) domains.push(domain.value);
  }
  const recipients: string[] = [];
  for (const raw of body.releaseRequestRecipients) {
    const address = normaliseAddress(raw);
    if (!address.ok) throw badRequest('invalidReleaseRequestRecipient', `releaseRequestRecipients: "${raw}": ${address.errors.map((e) => e.message).join(' ')}`);
    if (!recipients.includes(address.value.value)) recipients.push(address.value.value);
  }
  return { noticeSender: sender.value.value, acceptedDomains: domains, releaseRequestRecipients: recipients, noticeLanguage: body.noticeLanguage, bulkThreshold: body.bulkThreshold, actions: { ...body.actions } };
}
