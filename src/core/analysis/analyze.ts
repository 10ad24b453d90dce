/**
 * The analyzer's entry point: synchronous and pure (the hot path: the bench and the server's
 * submit-for-analysis). A whole message, body included, is server/mail/analyze-message.ts:
 * reading MIME is I/O-side work; its facts come back here as `options.body`.
 */
import type { Verdict } from '../../contracts/verdict';
import type { AnalyzeOptions } from './options';
import { decodeHeaders } from './decode';
import { judge } from './judge';

/** A header block (or a whole message: decoding stops at the first empty line) to a verdict. Never throws. */
export function analyzeHeaders(headerBlock: string, options: AnalyzeOptions = {}): Verdict {
  return judge(decodeHeaders(headerBlock, options.trust ? { trust: options.trust } : {}), options);
}
