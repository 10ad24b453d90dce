/** What the judge may know about the tenant and the caller's context, besides the headers. */
import type { FreshScan } from './fresh-scan/scan';
import type { NowDecision, VerdictLocale } from '../../contracts/verdict';
import type { BodyFacts } from './types';
import type { TrustSettings } from './trust/settings';

export interface TenantSettings {
  /**
   * The anti-spam policy's BulkThreshold (1-9). Microsoft's default is 7; the Standard
   * preset uses 6 and Strict 5. When absent the judge assumes 7 and infers a stricter
   * threshold from the headers when bulk filtering acted below it.
   */
  bulkThreshold?: number;
  /** The organisation's accepted domains: mail "from" them that fails authentication is spoofing or a misconfigured service. */
  acceptedDomains?: readonly string[];
}

/**
 * Hook for the lists: what the decision function says about this message with today's
 * lists. The analyzer does not evaluate lists; it copies this into `verdict.now`.
 */
export interface ListsContext {
  now?: NowDecision;
}

export interface AnalyzeOptions {
  locale?: VerdictLocale;
  /** Where the organisation's boundary is and which fields count as evidence (trust/settings.ts). */
  trust?: Partial<TrustSettings>;
  tenant?: TenantSettings;
  /** Body facts (server/mail/body-facts.ts reads them), when the full message is available. */
  body?: BodyFacts;
  /** A fresh Rspamd scan of the whole message, when the server has an Rspamd to ask. */
  scan?: FreshScan;
  lists?: ListsContext;
}
