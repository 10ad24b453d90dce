/**
 * Original messages, kept by content: the file name is the SHA-256 of the bytes, so the same
 * message reported by fifty people is stored once, and a stored message can never be altered
 * without its name changing.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DurableWriter } from './durable-writer';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface BlobStore {
  put(bytes: Buffer): Promise<StoredBlob>;
  /** The exact bytes, or undefined when no blob has that hash. */
  get(sha256: string): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

const HASH = /^[0-9a-f]{64}$/;

export class FileBlobStore implements BlobStore {
  private readonly writer = new DurableWriter();

  constructor(private readonly root: string) {}

  /** One level of 256 folders (as git does): few to create, each small. DurableWriter stores by this same layout. */
  private pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), `${sha256}.eml`);
  }

  /** Hashing and writing happen on the writer's threads (see DurableWriter). */
  async put(bytes: Buffer): Promise<StoredBlob> {
    const sha256 = await this.writer.store(this.root, bytes);
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

  close(): Promise<void> {
    return this.writer.close();
  }
}
