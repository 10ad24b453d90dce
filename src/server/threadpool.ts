/**
 * Imported first by the entry points. Every report's SHA-256 (WebCrypto) and every file read
 * run in libuv's thread pool; with the default 4 threads a burst of reports queues behind a few
 * slow reads. More threads let those waits overlap. It must be set before the pool's first use,
 * which is why this is a module of its own, imported before anything else.
 */
process.env['UV_THREADPOOL_SIZE'] ??= '32';
export {};
