/**
 * Submission intake over HTTP on loopback: 50 KB EML per report, the embedded SQLite store,
 * every report a different message (so every one is really written), each acknowledged only
 * after its commit, and clustered in the background (on, as by default). Compared, in the same
 * run, with a bare Fastify POST handler.
 */
import autocannon from 'autocannon';
import { loadEmbeddedIssuer, mintToken } from '../src/server/auth/embedded-issuer';
import { clustered, startServer, stop } from './child-server';
import type { Bench, BenchResult } from './types';

const REPORTS = 10_000;
const CONNECTIONS = 100;
/**
 * Reports come from this many people, as they would: the server runs with its default rate
 * limit (per signed-in user) and daily quota on, and no real user sends 10,000 reports.
 */
const USERS = 200;
const EML_BYTES = 50 * 1024;

function eml(n: number): Buffer {
  const headers = [
    `Received: from mail.supplier.example (203.0.113.7) by mx.contoso.example; Sun, 22 Nov 2026 09:14:01 +0000`,
    'Authentication-Results: spf=fail smtp.mailfrom=supplier.example; dkim=none; dmarc=fail action=quarantine header.from=supplier.example;compauth=fail reason=000',
    'X-Forefront-Antispam-Report: CIP:203.0.113.7;CTRY:DK;LANG:da;SCL:5;SRV:;IPV:NLI;SFV:SPM;H:mail.supplier.example;CAT:SPOOF;DIR:INB;',
    'From: billing@supplier.example',
    'To: anna@contoso.example',
    `Subject: Invoice ${n}`,
    `Message-ID: <bench-${n}@supplier.example>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    '',
  ].join('\r\n');
  const line = `Invoice ${n} — line of text to make the message realistic in size.\r\n`;
  return Buffer.from(headers + line.repeat(Math.ceil((EML_BYTES - headers.length) / line.length))).subarray(0, EML_BYTES);
}

function body(n: number): string {
  return JSON.stringify({
    category: 'notJunk',
    internetMessageId: `<bench-${n}@supplier.example>`,
    recipientEmailAddress: 'anna@contoso.example',
    sender: 'billing@supplier.example',
    subject: `Invoice ${n}`,
    receivedDateTime: '2026-11-22T09:14:03Z',
    message: eml(n).toString('base64'),
  });
}

async function load(port: number, bodies: string[], tokens: readonly string[]): Promise<{ rate: number; non2xx: number; errors: number }> {
  let next = 0;
  let answered = 0;
  const start = process.hrtime.bigint();
  let last = start;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}/api/submissions`,
        connections: CONNECTIONS,
        amount: bodies.length,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (request) => {
              const n = next++;
              request.body = bodies[n % bodies.length] ?? '';
              const token = tokens[n % Math.max(1, tokens.length)];
              request.headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
              return request;
            },
          },
        ],
      },
      (error, done) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)),
    );
    // Timed from the responses themselves: autocannon notices that the last request is done
    // only on its next one-second tick, so its duration (and the time until it returns) reads
    // in whole seconds, too coarse for a 5-10 s run.
    instance.on('response', () => {
      answered++;
      last = process.hrtime.bigint();
    });
  });
  const seconds = Number(last - start) / 1e9;
  return { rate: answered / seconds, non2xx: result.non2xx, errors: result.errors };
}

export const run: Bench = async () => {
  const bodies = Array.from({ length: REPORTS }, (_, i) => body(i));
  const warmup = Array.from({ length: 300 }, (_, i) => body(REPORTS + i));

  const bare = await startServer('bare');
  await load(bare.port, warmup, []);
  const bareResult = await load(bare.port, bodies, []);
  await stop(bare.child);

  const app = await startServer('app');
  const issuer = await loadEmbeddedIssuer(app.dataDir ?? '', 'urn:second-look:embedded', 'api://second-look');
  const tokens = await Promise.all(
    Array.from({ length: USERS }, async (_, i) => (await mintToken(issuer, { email: `user${i}@contoso.example`, lifetime: 3600, now: new Date() })).token),
  );
  await load(app.port, warmup, tokens);
  await clustered(app.child);
  const appResult = await load(app.port, bodies, tokens);
  // Clustering (on, as by default) runs in the background: how long it trails the last report.
  const trailStart = process.hrtime.bigint();
  await clustered(app.child);
  const trail = Number(process.hrtime.bigint() - trailStart) / 1e9;
  await stop(app.child);

  const results: BenchResult[] = [
    {
      name: 'submission intake, 50 KB EML, SQLite, loopback HTTP',
      value: Math.round(appResult.rate),
      unit: 'reports/s',
      target: { op: '>=', value: 1000 },
      pass: appResult.rate >= 1000 && appResult.non2xx === 0 && appResult.errors === 0,
      note: `${REPORTS} distinct reports from ${USERS} users, ${CONNECTIONS} connections, rate limits and quota on (defaults), ${appResult.non2xx} non-2xx, ${appResult.errors} errors`,
    },
    { name: 'bare Fastify POST handler, same bodies', value: Math.round(bareResult.rate), unit: 'requests/s' },
    { name: 'intake / bare ratio', value: Number((appResult.rate / bareResult.rate).toFixed(2)), unit: 'x' },
    {
      name: 'clustering (background) done after the last report',
      value: Number(trail.toFixed(1)),
      unit: 's',
      note: `every report clustered ${trail.toFixed(1)} s after the last was acknowledged: ${Math.round(REPORTS / (REPORTS / appResult.rate + trail))} reports/s clustered over the run`,
    },
  ];
  return results;
};
