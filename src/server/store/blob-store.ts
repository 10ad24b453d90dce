/**
 * Original messages, kept by content in the `message_blobs` table: the key is the SHA-256 of
 * the bytes, so the same message reported by fifty people is stored once, and a stored message
 * can never be altered without its key changing. A message is written with its submission row
 * in one transaction (SubmissionsRepo.insert), so neither exists without the other.
 *
 * Servers before migration 004 kept one file per message under `<data>/messages/xx/<sha>.eml`;
 * those are still read from there, so nothing acknowledged then is lost.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { hash } from 'node:crypto';
import type { CompiledQuery } from 'kysely';
import type { Db } from './database';
import type { MessageBlobsTable } from './schema';
import type { SqliteReader } from './sqlite-reader';

export interface MessageBlob {
  sha256: string;
  size: number;
  bytes: Buffer;
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * Hashes `bytes` for storage, on the event loop: one-shot SHA-256 of a 50 KB message takes
 * ~33 µs on CPUs with SHA extensions (Node 24). Handing it to WebCrypto's thread pool cost
 * ~92 µs of event-loop time just to issue (argument conversion and a copy), plus the hash on
 * another core, so the pool only paid off on CPUs without SHA extensions (~195 µs inline).
 */
export async function messageBlobOf(bytes: Buffer): Promise<MessageBlob> {
  return { sha256: hash('sha256', bytes, 'hex'), size: bytes.length, bytes };
}

/**
 * The statement that stores `blobs` (each hash once; a message already stored is kept), or
 * none. In key order: two servers on one PostgreSQL then lock the same keys in the same order,
 * and cannot deadlock each other.
 */
export function storeBlobsStatement(db: Db, blobs: readonly MessageBlob[], at: string): CompiledQuery | undefined {
  const unique = new Map<string, MessageBlobsTable>();
  for (const blob of blobs) if (!unique.has(blob.sha256)) unique.set(blob.sha256, { sha256: blob.sha256, size: blob.size, bytes: blob.bytes, created_date_time: at });
  if (unique.size === 0) return undefined;
  return db
    .insertInto('message_blobs')
    .values([...unique.values()].sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0)))
    .onConflict((oc) => oc.column('sha256').doNothing())
    .compile();
}

export class BlobReader {
  /**
   * `legacyRoot`: where servers before migration 004 kept message files, if anywhere.
   * `reader`: the embedded SQLite's reader thread, so a large message is never read on the
   * event loop; without it (PostgreSQL, whose driver is asynchronous) Kysely executes.
   */
  constructor(
    private readonly db: Db,
    private readonly legacyRoot: string | undefined,
    private readonly reader?: SqliteReader,
  ) {}

  /** The exact bytes, or undefined when no message has that hash. */
  async get(sha256: string): Promise<Buffer | undefined> {
    if (!HASH.test(sha256)) return undefined;
    const query = this.db.selectFrom('message_blobs').select('bytes').where('sha256', '=', sha256);
    const bytes = this.reader ? (await this.reader.first(query.compile()))?.['bytes'] : (await query.executeTakeFirst())?.bytes;
    if (bytes instanceof Uint8Array) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return this.legacyFile(sha256);
  }

  /**
   * Deletes the files older servers kept for `hashes` (called once no row refers to them).
   * Returns how many were there. A missing file is not an error: most messages never had one.
   */
  async removeLegacyFiles(hashes: readonly string[]): Promise<number> {
    if (this.legacyRoot === undefined) return 0;
    let removed = 0;
    for (const sha256 of hashes) {
      if (!HASH.test(sha256)) continue;
      try {
        await fs.unlink(path.join(this.legacyRoot, sha256.slice(0, 2), `${sha256}.eml`));
        removed++;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return removed;
  }

  private async legacyFile(sha256: string): Promise<Buffer | undefined> {
    if (this.legacyRoot === undefined) return undefined;
    try {
      return await fs.readFile(path.join(this.legacyRoot, sha256.slice(0, 2), `${sha256}.eml`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
