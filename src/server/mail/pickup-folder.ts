/**
 * The embedded default: each mail becomes one `.eml` file in a pickup folder, which a local
 * MTA's pickup service (Exchange, IIS SMTP, Postfix via a watcher) or a person can take from.
 * The file is written under a temporary name in the same folder, flushed to disk, then renamed
 * to `ID.eml`: a reader sees a whole message or none, and writing a mail twice leaves one file.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { composeMail, type OutgoingMail } from './compose';
import { DeliveryError, type MailDelivery } from './delivery';
import { UnsafeMailError } from './mail-fields';

export class PickupFolderDelivery implements MailDelivery {
  readonly repeatable = true;
  readonly description: string;

  constructor(private readonly folder: string) {
    this.description = `pickup folder ${folder}`;
  }

  /** The file a mail becomes: its id (letters, digits, - and _ only; see mail-fields.ts). */
  fileOf(id: string): string {
    return path.join(this.folder, `${id}.eml`);
  }

  async deliver(mail: OutgoingMail): Promise<void> {
    let raw: Buffer;
    try {
      ({ raw } = await composeMail(mail));
    } catch (error) {
      if (error instanceof UnsafeMailError) throw new DeliveryError(error.message, 'refused');
      throw error;
    }
    try {
      await this.write(this.fileOf(mail.id), raw);
    } catch (error) {
      throw new DeliveryError(`could not write to the pickup folder: ${error instanceof Error ? error.message : String(error)}`, 'retry');
    }
  }

  private async write(file: string, raw: Buffer): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true });
    // A dot and .tmp: pickup services take only *.eml, and a listing hides it.
    const temporary = path.join(this.folder, `.${path.basename(file, '.eml')}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await fs.open(temporary, 'wx', 0o640);
    try {
      try {
        await handle.writeFile(raw);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
    await syncFolder(this.folder);
  }
}

/** Makes the rename itself durable: the folder's entry is on disk before the mail counts as written. */
async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) cannot open or flush a folder; the rename is as durable as they make it.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}
