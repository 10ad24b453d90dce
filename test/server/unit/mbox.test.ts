/**
 * The mbox reader (RFC 4155, mboxrd unescaping): messages split at "From " separator lines that
 * follow an empty line, the format's own blank line dropped, ">From " unescaped once, bytes and
 * line endings kept, the file read in pieces of any size, and nothing held past the size limit.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { looksLikeMbox, mboxMessages, type MboxMessage } from '../../../src/server/mail/mbox';

const ARCHIVE = fs.readFileSync(path.join(__dirname, '../../fixtures/quarantine/archive.mbox'));

async function* pieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function read(bytes: Buffer, maxBytes = 1_000_000, pieceSize = 64 * 1024): Promise<MboxMessage[]> {
  const out: MboxMessage[] = [];
  for await (const message of mboxMessages(pieces(bytes, pieceSize), maxBytes)) out.push(message);
  return out;
}

const text = (m: MboxMessage | undefined) => (m !== undefined && 'bytes' in m ? m.bytes.toString('latin1') : undefined);

test('the fixture archive: four messages, separators and the format\'s blank lines gone, >From unescaped once', async () => {
  expect(looksLikeMbox(ARCHIVE)).toBe(true);
  const messages = await read(ARCHIVE);
  expect(messages.map((m) => m.index)).toEqual([1, 2, 3, 4]);
  const first = text(messages[0]) ?? '';
  expect(first.startsWith('Delivered-To: anna+quarantine-phish@contoso.example\n')).toBe(true);
  expect(first).toContain('\nFrom the desk of the helpdesk: this line was escaped once.\n>From here the line keeps one of its two marks.\n');
  expect(first.endsWith('two marks.\n')).toBe(true);
  expect(text(messages[3])).toBe(first);
  expect(text(messages[1])).toContain('\nInvoice 2026-119 is attached. From our side everything is in order.\n');
});

test('any piece size gives the same messages', async () => {
  const whole = await read(ARCHIVE);
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 300 }), async (size) => {
      expect(await read(ARCHIVE, 1_000_000, size)).toEqual(whole);
    }),
    { numRuns: 40 },
  );
});

test('a "From " line that does not follow an empty line, or does not look like a separator, is body text', async () => {
  const mbox = Buffer.from('From a@b.example Mon Jan 1 00:00:00 2026\nSubject: one\n\nline\nFrom b@c.example Mon Jan 1 00:00:00 2026\n\nFrom \n\nend\n');
  const messages = await read(mbox);
  expect(messages).toHaveLength(1);
  expect(text(messages[0])).toBe('Subject: one\n\nline\nFrom b@c.example Mon Jan 1 00:00:00 2026\n\nFrom \n\nend\n');
});

test('CRLF line endings and 8-bit bytes are kept exactly', async () => {
  const body = Buffer.concat([Buffer.from('Subject: crlf\r\n\r\n'), Buffer.from([0xff, 0x00, 0xe9, 0x0d, 0x0a])]);
  const mbox = Buffer.concat([Buffer.from('From x@y.example Mon Jan 1 00:00:00 2026\r\n'), body, Buffer.from('\r\nFrom x@y.example Mon Jan 1 00:00:01 2026\r\nSubject: two\r\n\r\nb\r\n')]);
  const messages = await read(mbox);
  expect(messages).toHaveLength(2);
  expect((messages[0] as { bytes: Buffer }).bytes.equals(body)).toBe(true);
});

test('a message over the limit is measured, not kept; the next one is read as usual', async () => {
  const big = `Subject: big\n\n${'x'.repeat(5000)}\n`;
  const mbox = Buffer.from(`From a@b.example Mon Jan 1 00:00:00 2026\n${big}\nFrom a@b.example Mon Jan 1 00:00:00 2026\nSubject: small\n\nok\n`);
  const messages = await read(mbox, 1000, 100);
  expect(messages[0]).toEqual({ index: 1, tooLarge: Buffer.byteLength(big) });
  expect(text(messages[1])).toBe('Subject: small\n\nok\n');
  // One line longer than the limit, arriving in one piece, is measured too.
  const oneLine = await read(Buffer.from(`From a@b.example Mon Jan 1 00:00:00 2026\nSubject: long\n\n${'y'.repeat(5000)}`), 1000, 8000);
  expect(oneLine).toEqual([{ index: 1, tooLarge: 'Subject: long\n\n'.length + 5000 }]);
});

test('a file that does not start with a separator is no mbox', () => {
  expect(looksLikeMbox(Buffer.from('Subject: hello\r\n\r\nbody'))).toBe(false);
  expect(looksLikeMbox(Buffer.from('From: someone@example.com\r\n'))).toBe(false);
});
