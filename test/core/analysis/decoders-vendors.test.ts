/** Unit tests of the vendor verdict decoders: Received-SPF, Microsoft, SpamAssassin, Rspamd. */
import { ProblemLog } from '../../../src/core/analysis/problem-log';
import { splitHeaderFields } from '../../../src/core/analysis/header-fields';
import { parseReceivedSpf } from '../../../src/core/analysis/decoders/received-spf';
import { parseForefrontReport } from '../../../src/core/analysis/decoders/forefront';
import {
  applyMicrosoftAntispam,
  applyOrganizationScl,
  parseMailboxDelivery,
} from '../../../src/core/analysis/decoders/microsoft-antispam';
import { parseSpamReport, parseSpamStatus, mergeReport } from '../../../src/core/analysis/decoders/spamassassin';
import { parseRspamdAction, parseSpamdResult } from '../../../src/core/analysis/decoders/rspamd';
import type { HeaderField, MicrosoftFacts, RspamdFacts } from '../../../src/core/analysis';

function field(raw: string): HeaderField {
  const fields = splitHeaderFields(raw, new ProblemLog());
  const first = fields[0];
  if (first === undefined) throw new Error(`no field in ${raw}`);
  return first;
}

describe('Received-SPF', () => {
  test('reads the result, client IP, helo and the checked domain from the comment', () => {
    const spf = parseReceivedSpf(
      field('Received-SPF: Fail (protection.outlook.com: domain of example.com does not\n designate 203.0.113.7 as permitted sender) receiver=protection.outlook.com;\n client-ip=203.0.113.7; helo=mail.example.com;'),
      new ProblemLog(),
    );
    expect(spf).toMatchObject({ result: 'fail', clientIp: '203.0.113.7', helo: 'mail.example.com', envelopeFrom: 'example.com' });
  });

  test('an unknown result is recorded', () => {
    const log = new ProblemLog();
    expect(parseReceivedSpf(field('Received-SPF: maybe-ish (x)'), log)).toBeUndefined();
    expect(log.items[0]?.problem).toBe('unknownValue');
  });
});

describe('X-Forefront-Antispam-Report', () => {
  test('reads every documented field and keeps the exact tokens', () => {
    const ff = parseForefrontReport(
      field('X-Forefront-Antispam-Report: CIP:203.0.113.7;CTRY:US;LANG:en;SCL:-1;SRV:BULK;\n IPV:CAL;SFV:SKI;H:mail.example.com;PTR:mail.example.com;CAT:NONE;SFS:(13230040)\n (4636009);DIR:INB;SFTY:9.25;'),
      new ProblemLog(),
    );
    expect(ff).toMatchObject({
      sfv: 'SKI', cat: 'NONE', scl: -1, ipv: 'CAL', srv: 'BULK', cip: '203.0.113.7', ctry: 'US', lang: 'en',
      ptr: 'mail.example.com', h: 'mail.example.com', dir: 'INB', sfty: '9.25',
    });
    expect(ff.tokens['SFV']).toEqual({ value: 'SKI', text: 'SFV:SKI' });
  });

  test('unknown values and unreadable tokens become problems, not exceptions', () => {
    const log = new ProblemLog();
    const ff = parseForefrontReport(field('X-Forefront-Antispam-Report: SFV:XYZ;CAT:ABC;SCL:10;DIR:SIDEWAYS;SFTY:x;junk;'), log);
    expect(ff.scl).toBeUndefined();
    expect(log.items.map((p) => p.detail)).toEqual([
      'token without a colon: junk',
      'SFV:XYZ',
      'CAT:ABC',
      'SCL:10',
      'DIR:SIDEWAYS',
      'SFTY:x',
    ]);
  });

  test('blank values and nameless tokens: trimmed evidence, no false complaints', () => {
    const log = new ProblemLog();
    const ff = parseForefrontReport(field('X-Forefront-Antispam-Report: :SPM; SRV: ;SFV:SPM ;'), log);
    expect(ff.tokens['SRV']).toEqual({ value: '', text: 'SRV:' });
    expect(ff.tokens['SFV']).toEqual({ value: 'SPM', text: 'SFV:SPM' });
    expect(log.items).toEqual([]);
  });
});

describe('Microsoft antispam headers', () => {
  test('a __proto__ token in mailbox delivery is only a token', () => {
    const md = parseMailboxDelivery(field('X-Microsoft-Antispam-Mailbox-Delivery: __proto__:x;dest:J;'), new ProblemLog());
    expect(md.tokens['__proto__']).toEqual({ value: 'x', text: '__proto__:x' });
    expect(md.dest).toBe('J');
    expect(Object.getPrototypeOf(md.tokens)).toBeNull();
  });

  test('BCL and PCL from X-Microsoft-Antispam, the organisation SCL, mailbox delivery', () => {
    const facts: MicrosoftFacts = {};
    const log = new ProblemLog();
    applyMicrosoftAntispam(field('X-Microsoft-Antispam: BCL:6;PCL:0;ARA:1444111002|2|3;'), facts, log);
    applyOrganizationScl(field('X-MS-Exchange-Organization-SCL: -1'), facts, log);
    expect(facts.bcl).toEqual({ value: '6', text: 'BCL:6', level: 6 });
    expect(facts.pcl?.level).toBe(0);
    expect(facts.orgScl?.value).toBe(-1);
    const md = parseMailboxDelivery(field('X-Microsoft-Antispam-Mailbox-Delivery: ucf:1;jmr:0;auth:0;dest:J;OFR:CustomRules;ENG:(910001)(944506478);'), log);
    expect(md).toMatchObject({ ucf: '1', jmr: '0', dest: 'J', ofr: 'CustomRules' });
    expect(md.tokens['ofr']?.text).toBe('OFR:CustomRules');
    expect(log.items).toEqual([]);
  });

  test('out-of-range levels are recorded', () => {
    const facts: MicrosoftFacts = {};
    const log = new ProblemLog();
    applyMicrosoftAntispam(field('X-Microsoft-Antispam: BCL:12;PCL:x;'), facts, log);
    applyOrganizationScl(field('X-MS-Exchange-Organization-SCL: high'), facts, log);
    expect(facts).toEqual({ antispamHeader: 'X-Microsoft-Antispam' });
    expect(log.items).toHaveLength(3);
  });
});

describe('SpamAssassin', () => {
  test('X-Spam-Status with folded tests and per-test scores', () => {
    const sa = parseSpamStatus(
      field('X-Spam-Status: Yes, score=7.9 required=5.0 tests=BAYES_99=3.5,\n\tHTML_MESSAGE=0.001,RDNS_NONE=0.793 autolearn=no autolearn_force=no\n\tversion=4.0.0'),
      new ProblemLog(),
    );
    expect(sa).toMatchObject({ isSpam: true, score: 7.9, required: 5, scoreText: 'score=7.9 required=5.0' });
    expect(sa.tests).toEqual([
      { name: 'BAYES_99', score: 3.5 },
      { name: 'HTML_MESSAGE', score: 0.001 },
      { name: 'RDNS_NONE', score: 0.793 },
    ]);
  });

  test('X-Spam-Report supplies the points the status line lacks, in both report layouts', () => {
    const log = new ProblemLog();
    const sa = parseSpamStatus(field('X-Spam-Status: No, hits=-1.2 required=5.0 tests=BAYES_00,DKIM_VALID version=3.4.6'), log);
    const stars = parseSpamReport(field('X-Spam-Report:\n\t* -1.9 BAYES_00 BODY: Bayes spam probability is 0 to 1%\n\t*      [score: 0.0000]\n\t* -0.1 DKIM_VALID Message has at least one valid DKIM or DK signature'));
    mergeReport(sa, stars);
    expect(sa.tests).toEqual([
      { name: 'BAYES_00', score: -1.9, description: 'BODY: Bayes spam probability is 0 to 1%' },
      { name: 'DKIM_VALID', score: -0.1, description: 'Message has at least one valid DKIM or DK signature' },
    ]);
    const table = parseSpamReport(field('X-Spam-Report: Content analysis details:   (6.2 points, 5.0 required)\n\t\n\t pts rule name              description\n\t---- ---------------------- ------------------\n\t 3.5 BAYES_99               BODY: Bayes spam probability is 99 to 100%\n\t 2.7 URIBL_BLACK            Contains an URL listed in the URIBL blacklist'));
    expect(table).toMatchObject({ score: 6.2, required: 5 });
    expect(table.tests.map((t) => [t.name, t.score])).toEqual([['BAYES_99', 3.5], ['URIBL_BLACK', 2.7]]);
  });

  test('a status that is not Yes/No is recorded', () => {
    const log = new ProblemLog();
    parseSpamStatus(field('X-Spam-Status: Perhaps, score=abc'), log);
    expect(log.items.map((p) => p.problem)).toEqual(['unreadableValue', 'unreadableValue']);
  });
});

describe('Rspamd', () => {
  test('X-Spamd-Result: metric, symbols, weights and options with commas and brackets', () => {
    const r: RspamdFacts = { symbols: [] };
    const log = new ProblemLog();
    parseSpamdResult(
      field('X-Spamd-Result: default: True [16.50 / 15.00];\n\tBAYES_SPAM(5.10)[99.87%];\n\tASN(0.00)[asn:64496, ipnet:198.51.100.0/24, country:NL];\n\tURIBL_BLACK(7.50)[example.net:url,[odd];nested];\n\tR_DKIM_NA(0.00)[];\n\tMID_RHS_NOT_FQDN'),
      r,
      log,
    );
    parseRspamdAction(field('X-Rspamd-Action: Add  Header'), r, log);
    expect(r).toMatchObject({ isSpam: true, score: 16.5, threshold: 15, metricText: 'default: True [16.50 / 15.00]' });
    expect(r.symbols.map((s) => [s.name, s.weight, s.options])).toEqual([
      ['BAYES_SPAM', 5.1, ['99.87%']],
      ['ASN', 0, ['asn:64496', 'ipnet:198.51.100.0/24', 'country:NL']],
      ['URIBL_BLACK', 7.5, ['example.net:url', '[odd];nested']],
      ['R_DKIM_NA', 0, []],
      ['MID_RHS_NOT_FQDN', undefined, []],
    ]);
    expect(r.action).toEqual({ header: 'X-Rspamd-Action', value: 'add header' });
    expect(log.items).toEqual([]);
  });

  test('a truncated result and an unknown action are recorded', () => {
    const r: RspamdFacts = { symbols: [] };
    const log = new ProblemLog();
    parseSpamdResult(field('X-Spamd-Result: default: True [16.5'), r, log);
    parseRspamdAction(field('X-Rspamd-Action: explode'), r, log);
    expect(log.items.map((p) => p.problem)).toEqual(['unreadableValue', 'unknownValue']);
    expect(r.symbols).toEqual([]);
  });
});

