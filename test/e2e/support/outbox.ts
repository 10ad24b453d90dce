/**
 * The pickup folder as an MTA's pickup service sees it: the whole `*.eml` files the server's
 * mail sender wrote there (never its `.ID.….tmp` files), read as a mail client reads them.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';

export interface DeliveredMail {
  file: string;
  from: string;
  to: string;
  subject: string;
  /** The plain-text body, line ends as `\n`, without the trailing newline. */
  text: string;
  headers: ReadonlyMap<string, unknown>;
}

function address(field: unknown): string {
  const value = (Array.isArray(field) ? field : [field]) as Array<{ value?: Array<{ address?: string }> } | undefined>;
  return value.flatMap((f) => f?.value ?? []).map((a) => a.address ?? '').join(', ');
}

/** Every mail in the folder now, in file-name order (an empty list when the folder is not there yet). */
export async function readOutbox(folder: string): Promise<DeliveredMail[]> {
  let names: string[];
  try {
    names = (await fs.readdir(folder)).filter((n) => n.endsWith('.eml')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: DeliveredMail[] = [];
  for (const file of names) {
    const parsed = await simpleParser(await fs.readFile(path.join(folder, file)));
    out.push({
      file,
      from: address(parsed.from),
      to: address(parsed.to),
      subject: parsed.subject ?? '',
      text: (parsed.text ?? '').replace(/\r\n/g, '\n').replace(/\n+$/, ''),
      headers: parsed.headers,
    });
  }
  return out;
}

/**
 * Waits until the server's sender has delivered at least `count` mails to the folder, looking
 * every 100 ms, and returns them. Fails after `timeoutMs` saying what had arrived.
 */
export async function waitForOutbox(folder: string, count: number, timeoutMs = 20_000): Promise<DeliveredMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    if (names.filter((n) => n.endsWith('.eml')).length >= count) return readOutbox(folder);
    if (Date.now() > deadline) {
      const mails = await readOutbox(folder);
      throw new Error(`expected ${count} mails in ${folder} within ${timeoutMs} ms, found ${mails.length}: ${mails.map((m) => `${m.to} "${m.subject}"`).join('; ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
