/**
 * The program of the fingerprint thread (see fingerprint-thread.ts): message bytes in, their
 * fingerprints out. Reading a 50 KB message's MIME body and hashing its shingles costs around
 * a millisecond; here it never holds up a request.
 *
 * Compiled (build/), it loads body-text.js like any module. Under the tests it runs from src/
 * as TypeScript, which Node strips of its types; the resolve hook below lets the imports of the
 * modules it loads name their files without extensions, as the compiled code does.
 */
import { registerHooks, type ResolveFnOutput } from 'node:module';
import { parentPort } from 'node:worker_threads';

const fromSource = import.meta.url.endsWith('.mts');
if (fromSource) {
  // The sources are ES modules in a package without "type": say so, rather than have Node
  // guess (and warn) for each file.
  const asModule = (resolved: ResolveFnOutput): ResolveFnOutput => (resolved.url.endsWith('.ts') ? { ...resolved, format: 'module-typescript' } : resolved);
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (/^\.\.?\//.test(specifier) && !/\.[cm]?[jt]s$/.test(specifier)) {
        for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
          try {
            return asModule(nextResolve(candidate, context));
          } catch {
            // try the next form
          }
        }
      }
      return asModule(nextResolve(specifier, context));
    },
  });
}

type BodyText = typeof import('./body-text.js');
const { messageFingerprint } = (await import(new URL(fromSource ? './body-text.ts' : './body-text.js', import.meta.url).href)) as BodyText;

/** One request: the messages to fingerprint, in order; undefined where a report has none. */
export interface FingerprintRequest {
  id: number;
  messages: ReadonlyArray<Uint8Array | undefined>;
}

export interface FingerprintReply {
  id: number;
  results?: Array<{ signature: Uint8Array | undefined; shingles: number }>;
  error?: string;
}

const port = parentPort;
if (port === null) throw new Error('fingerprint-worker runs only as a worker thread');
const answer = async ({ id, messages }: FingerprintRequest): Promise<void> => {
  let reply: FingerprintReply;
  const transfer: ArrayBuffer[] = [];
  try {
    // The messages of a request are read together: the MIME splitter is a stream, and one
    // message's reading waits on nothing but the thread's own turns.
    const results = await Promise.all(messages.map((bytes) => (bytes === undefined ? { signature: undefined, shingles: 0 } : messageFingerprint(bytes))));
    for (const r of results) if (r.signature !== undefined && r.signature.buffer instanceof ArrayBuffer) transfer.push(r.signature.buffer);
    reply = { id, results };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, transfer);
};

port.on('message', (request: FingerprintRequest) => void answer(request));
