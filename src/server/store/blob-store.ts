/**
 * Original messages, kept by content: the file name is the SHA-256 of the bytes, so the same
 * message reported by fifty people is stored once, and a stored message can never be altered
 * without its name changing.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface BlobStore {
  put(bytes: Buffer): Promise<StoredBlob>;
  /** The exact bytes, or undefined when no blob has that hash. */
  get(sha256: string): Promise<Buffer | undefined>;
}

const HASH = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class FileBlobStore implements BlobStore {
  /** Folders known to exist: each fs call is a trip through libuv's pool, so skip the repeats. */
  private readonly madeDirs = new Set<string>();

  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.eml`);
  }

  async put(bytes: Buffer): Promise<StoredBlob> {
    const sha256 = sha256Hex(bytes);
    const target = this.pathOf(sha256);
    try {
      const existing = await fs.stat(target);
      if (existing.size === bytes.length) return { sha256, size: bytes.length };
    } catch {
      // not stored yet
    }
    const dir = path.dirname(target);
    if (!this.madeDirs.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    // Write to a private temporary name, flush to disk, then rename: a reader never sees a
    // half-written file, and the data is on disk before the caller acknowledges anything.
    const temp = path.join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    await syncDirectory(dir);
    return { sha256, size: bytes.length };
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    if (!HASH.test(sha256)) return undefined;
    try {
      return await fs.readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}

/** Makes the rename itself durable (POSIX needs the directory entry flushed too). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
