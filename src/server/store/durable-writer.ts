/**
 * Stores files by content on worker threads: hash (SHA-256), write, fsync, rename, fsync the
 * folder. Done on the main thread, the hash alone (about half a millisecond for a 50 KB
 * message on this class of machine) and the nine trips through libuv per file capped intake;
 * a worker does the same steps with synchronous calls and answers once.
 *
 * The bytes travel as a transferred copy (one memcpy), not a structured clone, and the
 * caller's Buffer stays usable. The worker's code is a plain JavaScript string (no imports
 * beyond node:), so it runs the same from src/ under the tests and from build/ in production.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const made = new Set();
parentPort.on('message', ({ id, root, data }) => {
  const bytes = Buffer.from(data);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const dir = path.join(root, sha256.slice(0, 2));
  const target = path.join(dir, sha256 + '.eml');
  const temp = path.join(dir, '.' + sha256 + '.' + crypto.randomBytes(6).toString('hex') + '.tmp');
  try {
    const existing = fs.statSync(target, { throwIfNoEntry: false });
    if (existing && existing.size === bytes.length) { parentPort.postMessage({ id, sha256 }); return; }
    if (!made.has(dir)) { fs.mkdirSync(dir, { recursive: true }); made.add(dir); }
    const fd = fs.openSync(temp, 'wx');
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
    const dirFd = fs.openSync(dir, 'r');
    try { fs.fsyncSync(dirFd); } finally { fs.closeSync(dirFd); }
    parentPort.postMessage({ id, sha256 });
  } catch (error) {
    try { fs.rmSync(temp, { force: true }); } catch {}
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Pending {
  resolve: (sha256: string) => void;
  reject: (error: Error) => void;
}

export class DurableWriter {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private turn = 0;

  constructor(private readonly size = 8) {}

  private worker(): Worker {
    if (this.workers.length < this.size) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on('message', ({ id, sha256, error }: { id: number; sha256?: string; error?: string }) => {
        const waiting = this.pending.get(id);
        this.pending.delete(id);
        if (error === undefined && sha256 !== undefined) waiting?.resolve(sha256);
        else waiting?.reject(new Error(`could not store the message: ${error ?? 'no hash came back'}`));
      });
      worker.unref(); // an idle pool never keeps the process alive
      this.workers.push(worker);
      return worker;
    }
    this.turn = (this.turn + 1) % this.workers.length;
    const worker = this.workers[this.turn];
    if (!worker) throw new Error('writer pool is empty');
    return worker;
  }

  /**
   * Resolves with the SHA-256 of `bytes` once they are on disk as `root/xx/<sha256>.eml`
   * (written to a temporary name first, then renamed). A file already there with the same
   * size is kept: its name is its content.
   */
  store(root: string, bytes: Uint8Array): Promise<string> {
    const id = this.nextId++;
    const data = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(data).set(bytes);
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker().postMessage({ id, root, data }, [data]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
    for (const waiting of this.pending.values()) waiting.reject(new Error('the server is shutting down'));
    this.pending.clear();
  }
}
