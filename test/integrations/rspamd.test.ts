/**
 * The Rspamd client against a real rspamd (Debian's package, started by rspamd-support.ts on
 * free loopback ports): GTUBE, the blocked invoice fixture with a full envelope, the
 * controller password, and wrong URLs. Nothing here is a stand-in for Rspamd.
 */
import fs from 'node:fs';
import path from 'node:path';
import { toASCII } from 'tr46';
import type { Finding, VerdictLocale } from '../../src/contracts/verdict';
import { freshScanFindings, RSPAMD_EVIDENCE_HEADER } from '../../src/core/analysis';
import { createRspamdClient, type RspamdClient, type RspamdScan } from '../../src/server/integrations/rspamd';
import { rspamdAvailable, startRspamd, type RspamdInstance } from './rspamd-support';
import { failure } from './rspamd-failure';

/** The scan's findings as the verdict shows them. */
const rspamdFindings = (scan: RspamdScan, { locale = 'en-US' }: { locale?: VerdictLocale } = {}): Finding[] =>
  freshScanFindings(scan, locale).map((f) => f.finding);

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'messages', 'blocked-invoice.eml');
const GTUBE_STRING = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';
const GTUBE = Buffer.from([
  'From: Test Sender <sender@supplier.example>',
  'To: Anna Berg <anna@contoso.example>',
  'Subject: GTUBE test',
  'Date: Sun, 22 Nov 2026 09:00:00 +0000',
  'Message-ID: <gtube.1@supplier.example>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'This is the GTUBE test pattern:',
  '',
  GTUBE_STRING,
  '',
].join('\r\n'));
/** The client's hostname given, so Rspamd does not look the IP up in DNS itself. */
const QUIET = { hostname: 'mail.supplier.example' } as const;

function symbol(scan: RspamdScan, name: string): RspamdScan['symbols'][number] {
  const found = scan.symbols.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no ${name} among ${scan.symbols.map((s) => s.name).join(', ')}`);
  return found;
}

const run = rspamdAvailable('Rspamd /checkv2 against a real rspamd') ? describe : describe.skip;

run('Rspamd client against a real rspamd', () => {
  let rspamd: RspamdInstance;
  let controller: RspamdClient;

  beforeAll(async () => {
    rspamd = await startRspamd();
    process.stdout.write(`rspamd answered /ping after ${rspamd.startMs} ms\n`);
    controller = createRspamdClient({ url: rspamd.controllerUrl, password: rspamd.password, timeoutMs: 10_000 });
  }, 45_000);

  afterAll(async () => {
    await rspamd?.stop();
  }, 15_000);

  test('GTUBE: the controller says reject, names GTUBE, and the findings carry the evidence', async () => {
    const scan = await controller.check(GTUBE, QUIET);

    expect(scan.action).toBe('reject');
    expect(scan.isSkipped).toBe(true);
    expect(scan.score).toBeGreaterThanOrEqual(scan.requiredScore);
    expect(scan.requiredScore).toBeGreaterThan(0);
    expect(scan.symbols.map((s) => s.name)).toContain('GTUBE');
    expect(scan.messageId).toBe('gtube.1@supplier.example');
    expect(typeof scan.messages['smtp_message']).toBe('string');

    const findings = rspamdFindings(scan);
    const [summary] = findings;
    expect(summary).toMatchObject({
      code: 'RSPAMD_ACTION',
      severity: 'high',
      causeKind: 'contentFilter',
      layer: 'rspamd',
      evidence: { header: RSPAMD_EVIDENCE_HEADER, value: `reject [${scan.score.toFixed(2)} / ${scan.requiredScore.toFixed(2)}]` },
    });
    expect(summary?.explanation).toContain('pre-filter matched (GTUBE)');
    const gtube = findings.find((f) => f.params['symbol'] === 'GTUBE');
    expect(gtube).toMatchObject({
      code: 'RSPAMD_SYMBOL',
      evidence: { header: RSPAMD_EVIDENCE_HEADER, value: `GTUBE(${symbol(scan, 'GTUBE').score.toFixed(2)})[]` },
    });
    expect(rspamdFindings(scan, { locale: 'da-DK' })[0]?.explanation).toContain('forfilter ramte (GTUBE)');
    expect(rspamdFindings(scan, { locale: 'fr-FR' })[0]?.explanation).toContain('préfiltre a correspondu (GTUBE)');
  });

  test('the blocked invoice: the envelope reaches Rspamd and its symbols become findings', async () => {
    const meta = {
      from: 'billing@supplier.example',
      rcpt: ['anna@contoso.example', 'audit@contoso.example'],
      ip: '203.0.113.7',
      helo: 'mail.supplier.example',
      hostname: 'mail.supplier.example',
      queueId: 'SLQ0001',
    };
    const scan = await controller.check(fs.readFileSync(FIXTURE), meta);

    expect(scan.isSkipped).toBe(false);
    expect(Number.isFinite(scan.score)).toBe(true);
    expect(scan.action).not.toBe('');
    expect(scan.messageId).toBe('4f1c2a9e.118@supplier.example');
    // Every request header arrived: the test rule echoes the envelope Rspamd saw.
    expect(symbol(scan, 'SECOND_LOOK_ENVELOPE').options).toEqual([
      'ip=203.0.113.7',
      'helo=mail.supplier.example',
      'hostname=mail.supplier.example',
      'qid=SLQ0001',
      'from=billing@supplier.example',
      'rcpt=anna@contoso.example',
      'rcpt=audit@contoso.example',
    ]);
    // Rspamd's stock rule reading Exchange Online's SFV:SPM in X-Forefront-Antispam-Report.
    const microsoft = symbol(scan, 'MICROSOFT_SPAM');
    expect(microsoft.score).toBeGreaterThan(0);
    expect(microsoft.description).toBe('Microsoft says the message is spam');
    const scores = scan.symbols.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const findings = rspamdFindings(scan);
    expect(findings).toHaveLength(scan.symbols.length + 1);
    expect(findings[0]?.evidence.value).toBe(`${scan.action} [${scan.score.toFixed(2)} / ${scan.requiredScore.toFixed(2)}]`);
    const finding = findings.find((f) => f.params['symbol'] === 'MICROSOFT_SPAM');
    expect(finding).toMatchObject({
      code: 'RSPAMD_SYMBOL',
      causeKind: 'contentFilter',
      layer: 'rspamd',
      evidence: { header: RSPAMD_EVIDENCE_HEADER, value: `MICROSOFT_SPAM(${microsoft.score.toFixed(2)})[]` },
    });
    expect(finding?.explanation).toContain('Rspamd symbol MICROSOFT_SPAM scored');
    expect(finding?.explanation).toContain('"Microsoft says the message is spam"');
    const envelope = findings.find((f) => f.params['symbol'] === 'SECOND_LOOK_ENVELOPE');
    expect(envelope?.evidence.value).toBe(
      'SECOND_LOOK_ENVELOPE(0.00)[ip=203.0.113.7,helo=mail.supplier.example,hostname=mail.supplier.example,qid=SLQ0001,' +
        'from=billing@supplier.example,rcpt=anna@contoso.example,rcpt=audit@contoso.example]',
    );
    expect(envelope).toMatchObject({ severity: 'info', causeKind: null });
  });

  test('an internationalised envelope domain reaches Rspamd as its A-label', async () => {
    // Rspamd 3.4 drops an SMTP address with raw UTF-8 in it; the A-label is the same domain.
    const scan = await controller.check(fs.readFileSync(FIXTURE), {
      ...QUIET,
      from: 'bjorn@bjørnsen.example',
      rcpt: ['anna@bücher.example'],
    });
    expect(symbol(scan, 'SECOND_LOOK_ENVELOPE').options).toEqual(
      expect.arrayContaining([`from=bjorn@${toASCII('bjørnsen.example')}`, `rcpt=anna@${toASCII('bücher.example')}`]),
    );
  });

  test('the controller refuses a missing or wrong password with an unauthorized RspamdError', async () => {
    const withoutPassword = createRspamdClient({ url: rspamd.controllerUrl, timeoutMs: 10_000 });
    const missing = await failure(withoutPassword.check(GTUBE, QUIET));
    expect(missing.kind).toBe('unauthorized');
    expect(missing.status).toBe(401);
    expect(missing.message).toContain('check the controller password');

    const wrong = createRspamdClient({ url: rspamd.controllerUrl, password: 'not-the-password', timeoutMs: 10_000 });
    expect((await failure(wrong.check(GTUBE, QUIET))).kind).toBe('unauthorized');
  });

  test('a normal worker URL scans without a password', async () => {
    const worker = createRspamdClient({ url: `${rspamd.normalUrl}/`, timeoutMs: 10_000 });
    expect(worker.checkUrl).toBe(`${rspamd.normalUrl}/checkv2`);
    expect((await worker.check(GTUBE, QUIET)).action).toBe('reject');
  });

  test('a wrong path on the right server is an http RspamdError with the status', async () => {
    const wrongPath = createRspamdClient({ url: `${rspamd.controllerUrl}/no-such-prefix`, password: rspamd.password, timeoutMs: 10_000 });
    const error = await failure(wrongPath.check(GTUBE, QUIET));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(404);
    expect(error.message).toContain(`${rspamd.controllerUrl}/no-such-prefix/checkv2`);
    expect(error.message).not.toContain(rspamd.password);
  });
});
