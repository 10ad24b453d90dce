/**
 * A fresh Rspamd scan of the message, as the judge reads it: what Rspamd would do with the
 * message today, and the symbols that made up its score. The server asks Rspamd's `/checkv2`
 * and checks the reply (server/integrations/rspamd-reply.ts); this is the checked shape.
 */

export interface FreshScanSymbol {
  readonly name: string;
  /** The weighted score this symbol added to the message (what the total is made of). */
  readonly score: number;
  /** The symbol's configured weight, when Rspamd reports it. */
  readonly metricScore?: number;
  readonly description?: string;
  /** Rspamd's options for the hit: the domain, address or pattern that matched. */
  readonly options: readonly string[];
}

export interface FreshScan {
  /** `no action`, `greylist`, `add header`, `rewrite subject`, `soft reject`, `reject`, or a custom action. */
  readonly action: string;
  readonly score: number;
  /** The score at which Rspamd rejects (its `required_score`). */
  readonly requiredScore: number;
  /** True when a pre-filter (GTUBE, a forced action, settings) decided before the rules ran. */
  readonly isSkipped: boolean;
  /** Largest score first, then by name, so findings come out in a stable order. */
  readonly symbols: readonly FreshScanSymbol[];
  /** Rspamd's messages, e.g. `smtp_message` (the text an MTA would send back). */
  readonly messages: Readonly<Record<string, string>>;
  readonly messageId?: string;
}

/** The evidence "header": the finding rests on the scan reply, not on a header in the message. */
export const RSPAMD_EVIDENCE_HEADER = 'Rspamd /checkv2';
