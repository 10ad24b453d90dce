/**
 * decide() throughput: 10,000 Tenant Allow/Block List entries and 1,024 entries on the
 * recipient's lists, one core. Target: at least 200,000 decisions per second.
 *
 * The lists and messages are generated from a fixed seed, so runs compare. Senders mix
 * address hits, domain hits, *.domain (subdomain walk-up) hits, safe/blocked senders,
 * misses, mixed case and a few Unicode domains, with every verdict.
 */
import { prng } from './prng';
import type { Bench, BenchResult } from './types';
import type { FilterVerdict, MessageFacts } from '../src/contracts/lists';
import {
  DEFAULT_POLICY,
  buildTenantIndex,
  buildUserIndex,
  decide,
  type DecisionContext,
  type TenantEntry,
  type UserListEntry,
} from '../src/core/lists';

const TARGET = 200_000;
const TENANT_ENTRIES = 10_000;
const USER_ENTRIES = 1_024;
const MEASURE_MS = 1_500;

const NOW = new Date('2025-03-01T12:00:00.000Z');
const DAY = 86_400_000;
const TLDS = ['com', 'net', 'org', 'example'];

function makeData() {
  const rnd = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const domain = (i: number) => `d${i}.example.${pick(TLDS)}`;
  const tenant: TenantEntry[] = [];
  for (let i = 0; i < TENANT_ENTRIES; i += 1) {
    const r = rnd();
    const action = i % 5 < 3 ? 'block' : 'allow';
    const value = r < 0.7 ? `user${i}@${domain(i % 2_000)}` : r < 0.9 || action === 'allow' ? domain(i) : `*.${domain(i)}`;
    const expired = rnd() < 0.05;
    tenant.push({
      id: `t${i}`,
      value,
      action,
      source: rnd() < 0.5 ? 'direct' : 'submission',
      expiration: expired ? { type: 'date', date: new Date(NOW.getTime() - DAY).toISOString() } : action === 'block' ? { type: 'never' } : { type: 'days', days: 30 },
      expirationSetDateTime: NOW.toISOString(),
      lastUsedDateTime: null,
    });
  }
  const safe: UserListEntry[] = [];
  const blocked: UserListEntry[] = [];
  for (let i = 0; i < USER_ENTRIES; i += 1) {
    const value = i % 4 === 0 ? `u${i}.example.net` : `friend${i}@u${i}.example.net`;
    (i % 8 === 0 ? blocked : safe).push({ id: `u${i}`, value });
  }
  const verdicts: FilterVerdict[] = ['none', 'none', 'none', 'bulk', 'spam', 'spam', 'highConfidenceSpam', 'phishing', 'spoof', 'highConfidencePhishing', 'malware'];
  const messages: MessageFacts[] = [];
  for (let i = 0; i < 8_192; i += 1) {
    const r = rnd();
    const n = Math.floor(rnd() * TENANT_ENTRIES);
    let sender: string;
    if (r < 0.3) sender = tenant[n]?.value.includes('@') ? (tenant[n]?.value ?? '') : `x@${domain(n)}`;
    else if (r < 0.45) sender = `someone@${domain(n)}`;
    else if (r < 0.55) sender = `a@mail.eu.${domain(n)}`;
    else if (r < 0.65) sender = `friend${n % USER_ENTRIES}@u${n % USER_ENTRIES}.example.net`;
    else if (r < 0.7) sender = `Someone.Else@D${n}.Example.COM`;
    else if (r < 0.73) sender = `jöse@bücher${n % 50}.example`;
    else sender = `nobody${n}@elsewhere${n}.example.org`;
    messages.push({
      senderAddress: sender,
      authentication: { spf: 'pass', dkim: 'pass', dmarc: rnd() < 0.1 ? 'fail' : 'pass', compauth: rnd() < 0.1 ? 'fail' : 'pass' },
      verdict: pick(verdicts),
      bcl: Math.floor(rnd() * 10),
    });
  }
  return { tenant, safe, blocked, messages };
}

export const run: Bench = async () => {
  const data = makeData();
  const buildStart = performance.now();
  const context: DecisionContext = {
    tenant: buildTenantIndex(data.tenant),
    user: buildUserIndex(data.safe, data.blocked),
    policy: DEFAULT_POLICY,
    now: NOW,
  };
  const buildMs = performance.now() - buildStart;

  const tally = { inbox: 0, junk: 0, quarantine: 0 };
  const { messages } = data;
  // Warm-up: let the JIT settle and the slow-path memo fill, as in a running server.
  for (let i = 0; i < 100_000; i += 1) tally[decide(messages[i % messages.length] as MessageFacts, context).action] += 1;

  let decisions = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MEASURE_MS) {
    for (let i = 0; i < messages.length; i += 1) tally[decide(messages[i] as MessageFacts, context).action] += 1;
    decisions += messages.length;
    elapsed = performance.now() - start;
  }
  const perSecond = Math.round((decisions / elapsed) * 1000);
  const results: BenchResult[] = [
    {
      name: 'decide() with 10,000 tenant entries and 1,024 user entries',
      value: perSecond,
      unit: 'decisions/s',
      target: { op: '>=', value: TARGET },
      pass: perSecond >= TARGET,
      note: `one core; ${messages.length} distinct messages; inbox/junk/quarantine ${tally.inbox}/${tally.junk}/${tally.quarantine}`,
    },
    {
      name: 'buildTenantIndex + buildUserIndex (11,024 entries)',
      value: Math.round(buildMs * 10) / 10,
      unit: 'ms',
    },
  ];
  return results;
};
