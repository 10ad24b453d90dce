/**
 * The analyzer's two entry points. analyzeHeaders is synchronous and pure (the hot path:
 * the bench and the server's submit-for-analysis). analyzeMessage also reads the body
 * (links, attachments), which needs mailparser's async parser.
 */
import type { Verdict } from '../../contracts/verdict';
import type { AnalyzeOptions } from './options';
import { decodeHeaders } from './decode';
import { judge } from './judge';
import { extractBodyFacts } from './body-facts';

/** A header block (or a whole message: decoding stops at the first empty line) to a verdict. Never throws. */
export function analyzeHeaders(headerBlock: string, options: AnalyzeOptions = {}): Verdict {
  return judge(decodeHeaders(headerBlock, options.trust ? { trust: options.trust } : {}), options);
}

/** A full RFC 5322 message to a verdict, with body facts. Never rejects on garbage. */
export async function analyzeMessage(raw: Buffer | string, options: AnalyzeOptions = {}): Promise<Verdict> {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  const body = options.body ?? (await extractBodyFacts(raw));
  return judge(decodeHeaders(text, options.trust ? { trust: options.trust } : {}), { ...options, body });
}
