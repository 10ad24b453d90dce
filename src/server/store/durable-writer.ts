/**
 * Writes files durably (write, fsync, rename, fsync the folder) on worker threads. Done on
 * the main thread with fs.promises, each stored message costs nine trips through libuv and
 * the JavaScript around each one; under load that overhead, not the disk, capped intake. A
 * worker does the same steps with synchronous calls and answers once.
 *
 * The worker's code is a plain JavaScript string (no imports beyond node:fs), so it runs the
 * same from src/ under the tests and from build/ in production.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const made = new Set();
parentPort.on('message', ({ id, target, temp, bytes }) => {
  try {
    const existing = fs.statSync(target, { throwIfNoEntry: false });
    if (existing && existing.size === bytes.length) { parentPort.postMessage({ id }); return; }
    const dir = path.dirname(target);
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
    parentPort.postMessage({ id });
  } catch (error) {
    try { fs.rmSync(temp, { force: true }); } catch {}
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
}

export class DurableWriter {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private turn = 0;

  constructor(private readonly size = 32) {}

  private worker(): Worker {
    if (this.workers.length < this.size) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on('message', ({ id, error }: { id: number; error?: string }) => {
        const waiting = this.pending.get(id);
        this.pending.delete(id);
        if (error === undefined) waiting?.resolve();
        else waiting?.reject(new Error(`could not store the message: ${error}`));
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
   * Resolves once `bytes` are on disk at `target` (written to `temp` first, then renamed).
   * A file already at `target` with the same size is kept: the caller names files by content.
   */
  write(target: string, temp: string, bytes: Uint8Array): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker().postMessage({ id, target, temp, bytes });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
    for (const waiting of this.pending.values()) waiting.reject(new Error('the server is shutting down'));
    this.pending.clear();
  }
}
