/**
 * Imported first by the entry points. Every report's SHA-256 (WebCrypto), file reads and the
 * PostgreSQL driver's DNS lookups run in libuv's thread pool; with the default 4 threads a
 * burst of reports queues behind a few slow jobs. More threads let those waits overlap. It must
 * be set before the pool's first use, which is why this is a module of its own, imported before
 * anything else. (Reads from the embedded SQLite are synchronous and do not use the pool.)
 */
process.env['UV_THREADPOOL_SIZE'] ??= '32';
export {};
