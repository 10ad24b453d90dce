/**
 * `second-look import PATH`: the committed fixtures (one .eml, an mbox, a Maildir) go into the
 * quarantine of a real database, recipients from Delivered-To / X-Original-To or --recipient;
 * the summary says what was imported, what was there already, and each rejection with its
 * reason; the progress bar draws on a terminal. On SQLite and PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runImport } from '../../src/cli/import';
import { main } from '../../src/cli';
import { loadConfig, type Config } from '../../src/server/config/config';
import { databaseKinds, freshPostgresSchema } from '../helpers/databases';
import { storedMessage, storedQuarantine } from '../helpers/quarantine';
import { tempDir } from '../helpers/server';

const FIXTURES = path.join(__dirname, '../fixtures/quarantine');

describe.each(databaseKinds())('second-look import on %s', (kind) => {
  let config: Config;
  let env: Record<string, string>;
  let drop: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const pg = kind === 'postgresql' ? await freshPostgresSchema() : undefined;
    drop = pg?.drop;
    env = {
      SECOND_LOOK_DATA: tempDir(),
      SECOND_LOOK_LOG_LEVEL: 'silent',
      SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example',
      SECOND_LOOK_SMTP_PORT: 'off',
      SECOND_LOOK_DEV_CERTS: 'off',
      ...(pg ? { DATABASE_URL: pg.url } : {}),
    };
    config = loadConfig(env);
  });
  afterEach(async () => {
    await drop?.();
    fs.rmSync(config.dataDir, { recursive: true, force: true });
  });

  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runImport(argv, config, { out: (s) => out.push(s), err: (s) => err.push(s), progress: new PassThrough() });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const stored = () => storedQuarantine({ config });

  test('a .eml file: its Delivered-To is the recipient, its headers the reason', async () => {
    const result = await run(path.join(FIXTURES, 'single.eml'));
    expect(result).toEqual({ code: 0, err: '', out: ['imported 1 message (1 quarantined copy, one per recipient)', 'duplicates 0 (already in the quarantine for every recipient)', 'rejected 0'].join('\n') });
    const { rows } = await stored();
    expect(rows).toEqual([expect.objectContaining({ recipient: 'anna@contoso.example', reason: 'bulk', reason_basis: 'headers', policy: 'DefaultFullAccessPolicy', source: 'import', envelope_sender: 'news@deals.example', subject: "This week's deals" })]);
  });

  test('an mbox: each message, a duplicate inside it, one without a recipient rejected with the reason; a second run finds them all', async () => {
    const first = await run(path.join(FIXTURES, 'archive.mbox'));
    expect(first.code).toBe(1);
    expect(first.out).toBe(
      [
        'imported 2 messages (2 quarantined copies, one per recipient)',
        'duplicates 1 (already in the quarantine for every recipient)',
        'rejected 1:',
        '  message 3: no recipient: give --recipient, or import messages with a Delivered-To or X-Original-To field',
      ].join('\n'),
    );
    const { rows, blobs } = await stored();
    expect(rows.map((r) => [r.recipient, r.reason, r.reason_basis]).sort()).toEqual([
      ['anna@contoso.example', 'phishing', 'envelopeTag'],
      ['bo@contoso.example', 'spam', 'headers'],
    ]);
    expect(blobs).toBe(2);
    // The mbox's >From escape is undone in the stored bytes, and the separator line is gone.
    const phish = await storedMessage({ config }, rows.find((r) => r.recipient === 'anna@contoso.example')?.message_sha256 ?? '');
    expect(phish?.toString()).toMatch(/^Delivered-To: anna\+quarantine-phish@contoso\.example\n[\s\S]*\nFrom the desk of the helpdesk/);
    const again = await run(path.join(FIXTURES, 'archive.mbox'));
    expect(again.out.split('\n').slice(0, 3)).toEqual(['imported 0 messages (0 quarantined copies, one per recipient)', 'duplicates 3 (already in the quarantine for every recipient)', 'rejected 1:']);
  });

  test('--recipient names the recipients of every message instead', async () => {
    const result = await run(path.join(FIXTURES, 'archive.mbox'), '--recipient', 'dana@contoso.example', '--recipient', 'erik+quarantine-malware@contoso.example');
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe('imported 3 messages (6 quarantined copies, one per recipient)');
    const { rows } = await stored();
    expect(new Set(rows.map((r) => r.recipient))).toEqual(new Set(['dana@contoso.example', 'erik@contoso.example']));
    expect(rows.filter((r) => r.recipient === 'erik@contoso.example').every((r) => r.reason === 'malware')).toBe(true);
  });

  test('a Maildir: cur/ and new/, never tmp/; a recipient outside the accepted domains is rejected with the reason', async () => {
    const result = await run(path.join(FIXTURES, 'maildir'));
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      [
        'imported 1 message (1 quarantined copy, one per recipient)',
        'duplicates 0 (already in the quarantine for every recipient)',
        'rejected 1:',
        "  new/1763800100.M2P102.mail.contoso.example: dave@fabrikam.example: fabrikam.example is not one of the organisation's accepted domains (contoso.example); the quarantine takes mail only for those",
      ].join('\n'),
    );
    const { rows } = await stored();
    expect(rows).toEqual([expect.objectContaining({ recipient: 'carol@contoso.example', internet_message_id: '<maildir-1@news.example>', reason: 'spam' })]);
  });

  test('messages over the size limit are rejected with their size; the bar is drawn on a terminal', async () => {
    config = loadConfig({ ...env, SECOND_LOOK_MAX_MESSAGE_BYTES: '1024' });
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    let drawn = '';
    terminal.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    const out: string[] = [];
    const code = await runImport([path.join(FIXTURES, 'archive.mbox'), '--recipient', 'dana@contoso.example'], config, { out: (s) => out.push(s), err: () => undefined, progress: terminal });
    expect(code).toBe(0);
    expect(drawn).toMatch(/importing mbox \[[█░]+\] 100% \| imported 3 \| duplicates 1 \| rejected 0/);

    const big = path.join(config.dataDir, 'big.eml');
    fs.writeFileSync(big, `Delivered-To: anna@contoso.example\r\nSubject: big\r\n\r\n${'x'.repeat(2000)}`);
    const result = await run(big);
    expect(result.out.split('\n').slice(2)).toEqual(['rejected 1:', `  big.eml: the message is ${fs.statSync(big).size} bytes; the limit is 1024`]);
  });

  test('mistakes in the command line are one line and exit code 2', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (s: string) => err.push(s) };
    expect(await main(['import'], io, env)).toBe(2);
    expect(await main(['import', path.join(FIXTURES, 'nowhere.eml')], io, env)).toBe(2);
    expect(await main(['import', FIXTURES], io, env)).toBe(2);
    expect(err).toEqual([
      expect.stringContaining('second-look import: give one PATH'),
      expect.stringMatching(/nowhere\.eml: no such file or folder$/),
      expect.stringContaining('is a folder but not a Maildir (it has no cur/ or new/ folder)'),
    ]);
  });
});
