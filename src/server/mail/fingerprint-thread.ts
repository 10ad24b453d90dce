/**
 * Fingerprints messages on a worker thread of its own (fingerprint-worker.mts), so that
 * reading their MIME bodies and hashing their text never runs on the event loop. Messages are
 * moved to the thread where they can be (their bytes are not used here afterwards).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FingerprintReply, FingerprintRequest } from './fingerprint-worker.mjs';

/** The worker program beside this file: .mjs when compiled, .mts under the tests. */
const WORKER_FILE = path.join(__dirname, path.extname(__filename) === '.ts' ? 'fingerprint-worker.mts' : 'fingerprint-worker.mjs');

export interface ThreadFingerprint {
  /** The MinHash signature as bytes (core/clusters signatureToBytes); undefined without text. */
  signature: Uint8Array | undefined;
  shingles: number;
}

export class FingerprintThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (results: ThreadFingerprint[]) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor() {
    this.worker = new Worker(WORKER_FILE);
    this.worker.on('message', (reply: FingerprintReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.results !== undefined) waiting?.resolve(reply.results);
      else waiting?.reject(new Error(reply.error ?? 'the fingerprint thread failed'));
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the fingerprint thread stopped (exit code ${code})`)));
    this.worker.unref();
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  /** The fingerprints of `messages`, in order. Their bytes move to the thread. */
  fingerprint(messages: ReadonlyArray<Uint8Array | undefined>): Promise<ThreadFingerprint[]> {
    const id = this.nextId++;
    const transfer = new Set<ArrayBuffer>();
    // Only a buffer that holds this message alone moves; one shared with other values (Node's
    // small-buffer pool) is copied, or they would lose their bytes.
    for (const m of messages) {
      if (m !== undefined && m.buffer instanceof ArrayBuffer && m.byteOffset === 0 && m.byteLength === m.buffer.byteLength) transfer.add(m.buffer);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: FingerprintRequest = { id, messages };
      try {
        this.worker.postMessage(request, [...transfer]);
      } catch (error) {
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  async close(): Promise<void> {
    this.failAll(new Error('the server is shutting down'));
    await this.worker.terminate();
  }
}
