/**
 * Messages on disk, for `second-look import PATH`: one .eml file, an mbox file (mbox.ts), or a
 * Maildir (a folder with cur/ and new/, one message per file; tmp/ holds deliveries still being
 * written and is skipped). What PATH is, is read from the disk: a folder with cur/ or new/ is a
 * Maildir, a file whose first line is an mbox "From " line is an mbox, any other file one message.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { looksLikeMbox, mboxMessages } from './mbox';

export type MessageFileKind = 'eml' | 'mbox' | 'maildir';

/** One message read (or, over the limit, only measured), with where it came from. */
export type FileMessage = { label: string; bytes: Buffer } | { label: string; tooLarge: number };

export interface MessageFiles {
  kind: MessageFileKind;
  /** How much there is to read: messages (eml, Maildir) or bytes (mbox). */
  total: number;
  unit: 'messages' | 'bytes';
  messages(onProgress: (done: number) => void): AsyncGenerator<FileMessage>;
}

export class MessageFilesError extends Error {}

async function maildirFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const sub of ['cur', 'new']) {
    const folder = path.join(dir, sub);
    let entries: fs.Dirent[];
    try {
      entries = await fsp.readdir(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    // Maildir names start with the delivery time: name order is (nearly) arrival order.
    for (const entry of entries.filter((e) => e.isFile() && !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      files.push(path.join(sub, entry.name));
    }
  }
  return files;
}

async function readLimited(file: string, size: number, maxBytes: number): Promise<Buffer | undefined> {
  return size > maxBytes ? undefined : fsp.readFile(file);
}

/** What is at `target`, ready to be read message by message. */
export async function openMessageFiles(target: string, maxBytes: number): Promise<MessageFiles> {
  let stat: fs.Stats;
  try {
    stat = await fsp.stat(target);
  } catch (error) {
    throw new MessageFilesError(`${target}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`);
  }
  if (stat.isDirectory()) {
    const hasMaildir = ['cur', 'new'].some((sub) => fs.existsSync(path.join(target, sub)));
    if (!hasMaildir) throw new MessageFilesError(`${target} is a folder but not a Maildir (it has no cur/ or new/ folder)`);
    const files = await maildirFiles(target);
    return {
      kind: 'maildir',
      total: files.length,
      unit: 'messages',
      async *messages(onProgress) {
        let done = 0;
        for (const file of files) {
          const full = path.join(target, file);
          const size = (await fsp.stat(full)).size;
          const bytes = await readLimited(full, size, maxBytes);
          yield bytes === undefined ? { label: file, tooLarge: size } : { label: file, bytes };
          onProgress(++done);
        }
      },
    };
  }
  if (!stat.isFile()) throw new MessageFilesError(`${target} is neither a file nor a folder`);
  const handle = await fsp.open(target, 'r');
  const head = Buffer.alloc(256);
  const { bytesRead } = await handle.read(head, 0, head.length, 0);
  await handle.close();
  if (looksLikeMbox(head.subarray(0, bytesRead))) {
    return {
      kind: 'mbox',
      total: stat.size,
      unit: 'bytes',
      async *messages(onProgress) {
        const stream = fs.createReadStream(target, { highWaterMark: 1024 * 1024 });
        try {
          for await (const message of mboxMessages(stream, maxBytes, onProgress)) {
            yield 'bytes' in message ? { label: `message ${message.index}`, bytes: message.bytes } : { label: `message ${message.index}`, tooLarge: message.tooLarge };
          }
        } finally {
          stream.destroy();
        }
      },
    };
  }
  return {
    kind: 'eml',
    total: 1,
    unit: 'messages',
    async *messages(onProgress) {
      const bytes = await readLimited(target, stat.size, maxBytes);
      yield bytes === undefined ? { label: path.basename(target), tooLarge: stat.size } : { label: path.basename(target), bytes };
      onProgress(1);
    },
  };
}
