/**
 * A decision in plain English, from its reason code (for the what-if answer and logs).
 * The portal localises from the same codes; this is the default wording.
 */
import type { Decision, DecisionReason, IgnoredEntryCode, MatchedEntry } from '../../contracts/lists';

const LIST_LABEL: Readonly<Record<MatchedEntry['list'], string>> = {
  tenantAllow: 'Tenant Allow/Block List allow entry',
  tenantBlock: 'Tenant Allow/Block List block entry',
  safeSenders: "recipient's Safe Senders entry",
  blockedSenders: "recipient's Blocked Senders entry",
};

const DESTINATION: Readonly<Record<Decision['action'], string>> = {
  inbox: 'delivered to the Inbox',
  junk: 'delivered to the Junk Email folder',
  quarantine: 'quarantined',
};

const describeEntry = (e: MatchedEntry): string => `the ${LIST_LABEL[e.list]} ${e.value} (id ${e.id})`;

function because(reason: DecisionReason): string {
  const entry = reason.entry;
  const t = reason.threshold;
  switch (reason.code) {
    case 'tenantBlock':
    case 'tenantAllow':
    case 'userSafeSender':
    case 'userBlockedSender':
      return entry === undefined ? 'a list entry matched the sender' : `the sender matches ${describeEntry(entry)}`;
    case 'verdictMalware':
      return 'the filter found malware, which no allow entry or safe sender overrides';
    case 'verdictHighConfidencePhishing':
      return 'the filter judged it high-confidence phishing, which only an allow entry made from a submission overrides';
    case 'verdictPhishing':
      return 'the filter judged it phishing';
    case 'verdictHighConfidenceSpam':
      return 'the filter judged it high-confidence spam';
    case 'verdictSpoof':
      return 'the sender failed authentication (spoof)';
    case 'verdictSpam':
      return 'the filter judged it spam';
    case 'verdictBulk':
      return t === undefined
        ? 'the filter judged it bulk mail'
        : `its bulk complaint level ${t.observed} is at or above the bulk threshold ${t.value}`;
    case 'bulkBelowThreshold':
      return t === undefined
        ? 'its bulk complaint level is below the bulk threshold'
        : `its bulk complaint level ${t.observed} is below the bulk threshold ${t.value}`;
    case 'noVerdict':
      return 'the filter found nothing wrong';
    case 'unknownVerdict':
      return 'the filter verdict is not one we know, so it is treated as the worst case';
    case 'internalError':
      return 'the decision could not be evaluated, so the safe action was taken';
  }
}

const IGNORED: Readonly<Record<IgnoredEntryCode, string>> = {
  filterWinsMalware: 'malware is never overridden',
  filterWinsHighConfidencePhishing: 'it cannot override high-confidence phishing',
  tenantBlockWins: 'a block entry wins over allow entries',
  userBlockWins: "the recipient's Blocked Senders entry wins over a tenant allow entry",
  safeSenderWins: "the recipient's Safe Senders entry wins",
  moreSpecificBlockedSender: "the recipient blocked this exact address, which wins over a safe domain",
  safeDomainNotHonouredForQuarantine: 'a safe domain does not release a message whose action is quarantine',
  authenticationFailed: 'the message failed sender authentication',
  allowCannotOverrideVerdict: 'an allow entry made directly cannot override high-confidence phishing; make it from a submission',
  senderMismatch: 'the sender domain does not match the sender address',
};

export function explainDecision(decision: Decision): string {
  const head = `The message is ${DESTINATION[decision.action]} because ${because(decision.reason)}.`;
  const notes = decision.ignoredEntries.map(
    (i) => ` ${describeEntry(i.entry).replace(/^the /, 'The ')} matched but did not apply: ${IGNORED[i.code]}.`,
  );
  return head + notes.join('');
}
