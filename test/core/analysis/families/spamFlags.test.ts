/** The small "this is spam" stamps: X-Rspam-*, X-VA-Spam-Flag, Gandi, hMailServer, GMX / WEB.DE. */
import { GANDI, HMAILSERVER, RSPAM_STATUS, UNITED_INTERNET, VA_SPAM_FLAG } from '../../../../src/core/analysis/families/spamFlags/decoder';
import { decodeWith, expectRobust } from './helpers';

describe('rspamStatus (X-Rspam-Status / X-Rspam-Flag)', () => {
  test('SpamAssassin\'s format, no space after the colon', () => {
    const { verdict, log } = decodeWith(RSPAM_STATUS, 'X-Rspam-Status:Yes, score=15.20 required=5.0\nX-Rspam-Flag:YES\n');
    expect(log.items).toEqual([]);
    expect(verdict).toEqual({
      family: 'rspamStatus',
      filter: 'Rspamd (X-Rspam-Status)',
      evidence: { header: 'X-Rspam-Status', value: 'score=15.20 required=5.0' },
      flagged: true,
      score: 15.2,
      threshold: 5,
      tests: [],
    });
  });

  test('the flag alone', () => {
    expect(decodeWith(RSPAM_STATUS, 'X-Rspam-Flag: NO\n').verdict).toMatchObject({ evidence: { header: 'X-Rspam-Flag', value: 'NO' }, flagged: false });
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(RSPAM_STATUS)).toBeLessThan(1000 * RSPAM_STATUS.headers.length);
  });
});

describe('vaSpamFlag (SourceForge)', () => {
  test('YES: flagged and tagged', () => {
    expect(decodeWith(VA_SPAM_FLAG, 'X-VA-Spam-Flag: YES\nX-Spam-Flag: YES\n').verdict).toEqual({
      family: 'vaSpamFlag', filter: 'SourceForge SpamAssassin (X-VA-Spam-Flag)', evidence: { header: 'X-VA-Spam-Flag', value: 'YES' }, flagged: true, action: 'tag', tests: [],
    });
  });

  test('NO, and garbage', () => {
    expect(decodeWith(VA_SPAM_FLAG, 'X-VA-Spam-Flag: NO\n').verdict?.flagged).toBe(false);
    const { facts, log } = decodeWith(VA_SPAM_FLAG, 'X-VA-Spam-Flag: sometimes\n');
    expect(facts).toBeUndefined();
    expect(log.items[0]?.problem).toBe('unknownValue');
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(VA_SPAM_FLAG)).toBeLessThan(1000 * VA_SPAM_FLAG.headers.length);
  });
});

describe('gandi', () => {
  test('SPAM with its score', () => {
    expect(decodeWith(GANDI, 'X-GND-Spam-Score: 400\nX-GND-Status: SPAM\nX-GND-Sasl: someone@example.com\n').verdict).toEqual({
      family: 'gandi', filter: 'Gandi', evidence: { header: 'X-GND-Status', value: 'SPAM' }, flagged: true, score: 400, tests: [],
    });
  });

  test('LEGIT; a score alone is no verdict; unknown statuses are recorded', () => {
    expect(decodeWith(GANDI, 'X-GND-Status: LEGIT\n').verdict?.flagged).toBe(false);
    expect(decodeWith(GANDI, 'X-GND-Spam-Score: 300\n').verdict).toBeUndefined();
    expect(decodeWith(GANDI, 'X-GND-Status: MAYBE\n').log.items[0]?.problem).toBe('unknownValue');
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(GANDI)).toBeLessThan(1000 * GANDI.headers.length);
  });
});

describe('hMailServer', () => {
  test('X-Spam-Info: Spam : YES', () => {
    const { verdict, log } = decodeWith(HMAILSERVER, 'X-Spam-Checker-Version: SpamAssassin 4.0.0\nX-Spam-Info: Spam : YES\nX-Spam-Status: 18.8/5.0, autolearn=no\n');
    expect(log.items).toEqual([]);
    expect(verdict).toEqual({
      family: 'hMailServer', filter: 'hMailServer', evidence: { header: 'X-Spam-Info', value: 'Spam : YES' }, flagged: true, tests: [],
    });
  });

  test('X-hMailServer-Spam with X-hMailServer-Reason-Score', () => {
    expect(decodeWith(HMAILSERVER, 'X-hMailServer-Spam: YES\nX-hMailServer-Reason-Score: 7\n').verdict).toMatchObject({
      evidence: { header: 'X-hMailServer-Spam', value: 'YES' }, flagged: true, score: 7,
    });
    expect(decodeWith(HMAILSERVER, 'X-Spam-Info: Spam : NO\n').verdict?.flagged).toBe(false);
  });

  test('another X-Spam-Info shape is recorded, not guessed', () => {
    const { verdict, log } = decodeWith(HMAILSERVER, 'X-Spam-Info: score=3 tests=A\n');
    expect(verdict).toBeUndefined();
    expect(log.items[0]?.problem).toBe('unknownValue');
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(HMAILSERVER)).toBeLessThan(1000 * HMAILSERVER.headers.length);
  });
});

describe('unitedInternet (GMX / WEB.DE)', () => {
  test('outbound notjunk:1: not flagged, by the sender\'s outbound filter', () => {
    const { verdict, log } = decodeWith(UNITED_INTERNET, 'X-UI-Out-Filterresults: notjunk:1;V03:K0:qCGF0wlDfeY=:H4v9eHpwdwTRBq11bWd5p5\n Mq+4mZbJCFpxsFx9zNn1kCaoTDqbTFvAABQ5eod6oJHF2xXgnkXamGgbxmeBkyGN3a38syE2B\n');
    expect(log.items).toEqual([]);
    expect(verdict).toEqual({
      family: 'unitedInternet', filter: 'GMX / WEB.DE', evidence: { header: 'X-UI-Out-Filterresults', value: 'notjunk:1' }, flagged: false, outbound: true, tests: [],
    });
  });

  test('junk:10: flagged; inbound stamps are preferred and not outbound', () => {
    expect(decodeWith(UNITED_INTERNET, 'X-UI-Out-Filterresults: junk:10;V03:K0:NpW1KbfyJ7A=:KX7pKYpEkG3mc\n').verdict)
      .toMatchObject({ evidence: { value: 'junk:10' }, flagged: true, outbound: true });
    const inbound = decodeWith(UNITED_INTERNET, 'X-UI-Out-Filterresults: notjunk:1;V03:K0:a\nX-UI-Filterresults: unknown:2;V03:K0:cdojl5YHfkg=\n').verdict;
    expect(inbound).toMatchObject({ evidence: { header: 'X-UI-Filterresults', value: 'unknown:2' } });
    expect(inbound?.flagged).toBeUndefined();
    expect(inbound?.outbound).toBeUndefined();
  });

  test('an unknown result word is recorded', () => {
    const { facts, log } = decodeWith(UNITED_INTERNET, 'X-UI-Filterresults: maybe:3;V03\n');
    expect(facts).toBeUndefined();
    expect(log.items[0]?.problem).toBe('unknownValue');
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(UNITED_INTERNET)).toBeLessThan(1000 * UNITED_INTERNET.headers.length);
  });
});
