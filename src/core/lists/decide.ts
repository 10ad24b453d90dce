/**
 * decide(message, context) → { action, reason }: what the filter does with a message given
 * the Tenant Allow/Block List, the recipient's Safe Senders and Blocked Senders, and the
 * policy. Pure and total: it never throws (an internal failure quarantines, the safe way).
 *
 * ORDER OF EVALUATION
 * Sources: Microsoft Learn, "Order and precedence of email protection" (appendix tables:
 * user allows and blocks, tenant allows and blocks, user and tenant settings conflict);
 * "Allow or block email using the Tenant Allow/Block List"; "Configure junk email settings
 * on Exchange Online mailboxes". [docs] = stated there; [safer] = the docs are silent and
 * we chose the safer action.
 *
 *  0. Effective verdict. `bulk` and `none` are compared with the policy's bulk threshold
 *     when the message has a BCL: BCL >= threshold is bulk, a bulk verdict below it is not
 *     (reason bulkBelowThreshold). An unknown verdict is treated like malware. [safer]
 *  1. Malware: quarantine. Nothing overrides it: not a tenant allow, not a safe sender,
 *     and a tenant block entry changes nothing ("Filter wins"). [docs]
 *  2. Tenant block entry (address, domain or *.domain): quarantine. Block beats allow, and
 *     beats the user's Safe Senders ("Tenant wins: Email quarantined"). [docs]
 *  3. High-confidence phishing: quarantine. Safe Senders never release it [docs]. Only a
 *     tenant allow entry made from a submission may ("Up to high confidence phishing" for
 *     allow entries created via submissions) [docs]; a directly made one may not [docs].
 *     (The docs disagree here: the older precedence table says "Filter wins" for address
 *     and domain allows on high-confidence phishing; the newer Tenant Allow/Block List page,
 *     ms.date 2026-02-23, gives submission-made allows "Up to high confidence phishing". We
 *     follow the newer page: it is the only way to fix a false positive of that kind.)
 *  4. The user's lists. When both match: an entry for the same value in both lists, Safe
 *     Senders wins [docs]; otherwise the more specific one wins (a blocked address beats a
 *     safe domain) [safer].
 *     a. Safe Senders release the message to the inbox, except: a DOMAIN entry does not
 *        release a message whose action is quarantine [docs]; nothing releases a spoof
 *        verdict (an unauthenticated sender is exactly who a safe-sender entry must not
 *        trust) [safer]. A safe sender beats a tenant allow as well (same result). [docs]
 *     b. Blocked Senders: at least Junk; the verdict's own action when it is stricter
 *        ("Tenant wins: the applicable anti-spam policy determines the action") [docs].
 *        This also beats a tenant allow entry ("User wins: Junk Email folder"). [docs]
 *  5. Tenant allow entry: inbox, for bulk, spam, high-confidence spam, phishing. It does
 *     not apply when the message fails authentication (compauth=fail, or DMARC fail with
 *     no compauth) or is a spoof verdict: allow entries act only when the message "pass[es]
 *     other checks in the filtering stack", email authentication among them. [docs]
 *  6. Otherwise the policy's action for the verdict (none → inbox).
 *
 * The reason names what decided: the entry (id, value, list, and whether it matched on
 * the address, the domain or a *.domain), or the verdict, or the bulk threshold. An entry
 * is "used" only when it changed the outcome (as Exchange Online's last-used date: "the
 * date the entry was last used in the filtering system to override the verdict"), so an
 * allow entry for a sender that now passes cleanly ages out under its last-used rule.
 * Entries that matched but did not decide are listed in ignoredEntries with why. Entry
 * references in a decision are frozen objects shared with the index: copy before editing.
 *
 * Sender: address entries match the sender address; domain entries match the sender
 * domain (the address's own domain unless senderDomain says otherwise). When senderDomain
 * differs from the address's domain, block entries are checked against both and NO allow
 * or safe-sender entry applies (code senderMismatch) [safer]. Expired entries never match.
 */
import type {
  Decision,
  DecisionAction,
  DecisionReason,
  DecisionReasonCode,
  FilterVerdict,
  IgnoredEntryCode,
  MessageFacts,
} from '../../contracts/lists';
import { DEFAULT_POLICY, policyAction, severest, type DecisionPolicy } from './decision-policy';
import {
  EMPTY_USER_INDEX,
  lookupSender,
  type ListIndex,
  type Match,
  type SenderKeys,
  type SenderMatches,
  type TenantListIndex,
  type UserListIndex,
} from './matching-index';
import { addressKey, domainKey } from './value-keys';

export interface DecisionContext {
  /** Built once with buildTenantIndex and reused for many decisions. */
  readonly tenant: TenantListIndex;
  /** The recipient's lists, built with buildUserIndex. */
  readonly user?: UserListIndex;
  readonly policy?: DecisionPolicy;
  readonly now: Date;
}

const VERDICT_REASON: Readonly<Record<FilterVerdict, DecisionReasonCode>> = {
  none: 'noVerdict',
  bulk: 'verdictBulk',
  spam: 'verdictSpam',
  highConfidenceSpam: 'verdictHighConfidenceSpam',
  spoof: 'verdictSpoof',
  phishing: 'verdictPhishing',
  highConfidencePhishing: 'verdictHighConfidencePhishing',
  malware: 'verdictMalware',
};

interface Verdict {
  readonly verdict: FilterVerdict;
  readonly known: boolean;
  readonly reason: DecisionReason;
}

function effectiveVerdict(message: MessageFacts, policy: DecisionPolicy): Verdict {
  const verdict = message.verdict;
  const bcl = message.bcl;
  if ((verdict === 'bulk' || verdict === 'none') && typeof bcl === 'number' && Number.isFinite(bcl)) {
    const threshold = { name: 'bulkThreshold' as const, value: policy.bulkThreshold, observed: bcl };
    if (bcl >= policy.bulkThreshold) {
      return { verdict: 'bulk', known: true, reason: { code: 'verdictBulk', verdict: 'bulk', threshold } };
    }
    if (verdict === 'bulk') {
      return { verdict: 'none', known: true, reason: { code: 'bulkBelowThreshold', verdict: 'bulk', threshold } };
    }
  }
  const code = Object.hasOwn(VERDICT_REASON, verdict) ? VERDICT_REASON[verdict] : undefined;
  if (code === undefined) return { verdict, known: false, reason: { code: 'unknownVerdict' } };
  return { verdict, known: true, reason: code === 'noVerdict' ? { code } : { code, verdict } };
}

function authenticationFailed(message: MessageFacts): boolean {
  const auth = message.authentication;
  if (auth.compauth === 'fail') return true;
  if (auth.compauth === undefined || auth.compauth === 'none') return auth.dmarc === 'fail';
  return false;
}

interface Sender {
  /** Keys for block entries; `alternate` is the explicit senderDomain when it differs. */
  readonly block: SenderKeys;
  readonly alternate: SenderKeys | null;
  /** Keys for allow and safe-sender entries; null when the sender is inconsistent. */
  readonly allow: SenderKeys | null;
}

function senderOf(message: MessageFacts): Sender {
  const address = addressKey(message.senderAddress);
  const given = message.senderDomain;
  const explicit = given === undefined || given === '' ? undefined : domainKey(given);
  if (explicit === undefined) {
    const keys = { address: address?.address ?? null, domain: address?.domain ?? null };
    return { block: keys, alternate: null, allow: address === null ? null : keys };
  }
  const keys = { address: address?.address ?? null, domain: address?.domain ?? explicit };
  const consistent = address !== null && explicit === address.domain;
  const alternate = !consistent && explicit !== null && address !== null ? { address: null, domain: explicit } : null;
  return { block: keys, alternate, allow: consistent ? keys : null };
}

type Ignored = Decision['ignoredEntries'];

// Entry refs (id, value, list, matchedOn) are built and frozen with the index.
function note(ignored: Ignored, m: Match | null, code: IgnoredEntryCode): void {
  if (m !== null) ignored.push({ entry: m.ref, code });
}

/** The allow side and the block side of one list pair for this sender. */
function matchesFor(index: ListIndex, sender: Sender, nowMs: number, ignored: Ignored): SenderMatches {
  if (sender.allow !== null) return lookupSender(index, sender.allow, nowMs);
  const primary = lookupSender(index, sender.block, nowMs);
  // Say which allow entry would have matched had the sender been consistent.
  if (sender.block.address !== null) note(ignored, primary.allow, 'senderMismatch');
  const block = primary.block ?? (sender.alternate === null ? null : lookupSender(index, sender.alternate, nowMs).block);
  return { allow: null, block };
}

/** Why a tenant allow entry cannot release this message, or null if it can. */
function allowBlocked(m: Match, verdict: FilterVerdict, authFailed: boolean): IgnoredEntryCode | null {
  if (authFailed || verdict === 'spoof') return 'authenticationFailed';
  if (verdict === 'highConfidencePhishing' && m.entry.source !== 'submission') return 'allowCannotOverrideVerdict';
  return null;
}

const decision = (action: DecisionAction, reason: DecisionReason, ignoredEntries: Ignored, used?: string): Decision => ({
  action,
  reason,
  usedTenantEntryIds: used === undefined ? [] : [used],
  ignoredEntries,
});

const byEntry = (code: DecisionReasonCode, m: Match): DecisionReason => ({ code, entry: m.ref });

export function decide(message: MessageFacts, context: DecisionContext): Decision {
  try {
    return evaluate(message, context);
  } catch {
    return { action: 'quarantine', reason: { code: 'internalError' }, usedTenantEntryIds: [], ignoredEntries: [] };
  }
}

function evaluate(message: MessageFacts, ctx: DecisionContext): Decision {
  const nowMs = ctx.now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('decide() needs a valid clock');
  const policy = ctx.policy ?? DEFAULT_POLICY;
  const sender = senderOf(message);
  const v = effectiveVerdict(message, policy);
  const ignored: Ignored = [];
  const tenant = matchesFor(ctx.tenant, sender, nowMs, ignored);
  const user = matchesFor(ctx.user ?? EMPTY_USER_INDEX, sender, nowMs, ignored);
  const tenantAllow = tenant.allow;
  const tenantBlock = tenant.block;
  const safe = user.allow;
  const blocked = user.block;

  // 1. Malware (and unknown verdicts): nothing overrides.
  if (v.verdict === 'malware' || !v.known) {
    note(ignored, tenantBlock, 'filterWinsMalware');
    note(ignored, tenantAllow, 'filterWinsMalware');
    note(ignored, safe, 'filterWinsMalware');
    return decision('quarantine', v.reason, ignored);
  }

  // 2. Tenant block beats every allow.
  if (tenantBlock !== null) {
    note(ignored, tenantAllow, 'tenantBlockWins');
    note(ignored, safe, 'tenantBlockWins');
    return decision('quarantine', byEntry('tenantBlock', tenantBlock), ignored, tenantBlock.entry.id);
  }

  const authFailed = authenticationFailed(message);

  // 3. High-confidence phishing: only a submission-made tenant allow releases it.
  if (v.verdict === 'highConfidencePhishing') {
    if (tenantAllow !== null) {
      const why = allowBlocked(tenantAllow, v.verdict, authFailed);
      if (why === null) {
        return decision('inbox', byEntry('tenantAllow', tenantAllow), ignored, tenantAllow.entry.id);
      }
      note(ignored, tenantAllow, why);
    }
    note(ignored, safe, 'filterWinsHighConfidencePhishing');
    return decision('quarantine', v.reason, ignored);
  }

  const base = policyAction(v.verdict, policy);

  // 4. The user's lists.
  let safeHonoured = safe !== null;
  if (safe !== null && v.verdict === 'spoof') {
    note(ignored, safe, 'authenticationFailed');
    safeHonoured = false;
  } else if (safe !== null && base === 'quarantine' && safe.matchedOn !== 'address') {
    note(ignored, safe, 'safeDomainNotHonouredForQuarantine');
    safeHonoured = false;
  }
  let blockedEffective = blocked;
  if (safeHonoured && safe !== null && blocked !== null) {
    if (safe.matchedOn !== 'address' && blocked.matchedOn === 'address') {
      note(ignored, safe, 'moreSpecificBlockedSender');
      safeHonoured = false;
    } else {
      note(ignored, blocked, 'safeSenderWins');
      blockedEffective = null;
    }
  }
  if (safeHonoured && safe !== null && (base !== 'inbox' || blocked !== null)) {
    return decision('inbox', byEntry('userSafeSender', safe), ignored);
  }
  if (blockedEffective !== null) {
    note(ignored, tenantAllow, 'userBlockWins');
    return decision(severest('junk', base), byEntry('userBlockedSender', blockedEffective), ignored);
  }

  // 5. Tenant allow.
  if (tenantAllow !== null) {
    const why = allowBlocked(tenantAllow, v.verdict, authFailed);
    if (why !== null) note(ignored, tenantAllow, why);
    else if (base !== 'inbox') {
      return decision('inbox', byEntry('tenantAllow', tenantAllow), ignored, tenantAllow.entry.id);
    }
  }

  // 6. The policy's action for the verdict.
  return decision(base, v.reason, ignored);
}
