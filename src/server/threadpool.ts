/**
 * Imported first by the entry points. Each stored message costs two fsyncs, which wait on the
 * disk, not the CPU, in libuv's thread pool; with the default 4 threads a burst of reports
 * queues behind a few of them. More threads let those waits overlap. It must be set before the
 * pool's first use, which is why this is a module of its own, imported before anything else.
 */
process.env['UV_THREADPOOL_SIZE'] ??= '32';
export {};
