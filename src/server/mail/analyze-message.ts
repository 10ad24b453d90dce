/**
 * A full RFC 5322 message to a verdict, with body facts: the headers go to the pure analyzer,
 * the body through mailparser first. Never rejects on garbage.
 */
import type { Verdict } from '../../contracts/verdict';
import { decodeHeaders, judge, type AnalyzeOptions } from '../../core/analysis';
import { readBodyFacts } from './body-facts';

export async function analyzeMessage(raw: Buffer | string, options: AnalyzeOptions = {}): Promise<Verdict> {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  const body = options.body ?? (await readBodyFacts(raw));
  return judge(decodeHeaders(text, options.trust ? { trust: options.trust } : {}), { ...options, body });
}
