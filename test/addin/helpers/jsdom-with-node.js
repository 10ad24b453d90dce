/**
 * A jsdom test environment in which the real triage server can run beside the rendered pane.
 * jsdom provides the DOM (document, window, events) as in a browser; the Node globals it leaves
 * out (fetch's Response and Headers, TextEncoder, setImmediate, web streams…) are copied in
 * from Node, and modules resolve to their Node builds (jose, Fastify's dependencies), as they
 * do for every other server test. The add-in's own code still sees only browser APIs it uses.
 *
 * Use it per file: `/** @jest-environment <rootDir>/test/addin/helpers/jsdom-with-node.js *\/`.
 */
const { TestEnvironment } = require('jest-environment-jsdom');

const FROM_NODE = [
  'TextEncoder',
  'TextDecoder',
  'Response',
  'Request',
  'Headers',
  'fetch',
  'FormData',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'setImmediate',
  'clearImmediate',
  'structuredClone',
  // Node's timers: Fastify's plugins unref() theirs, which jsdom's numeric handles cannot.
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'queueMicrotask',
  // Node's, whose AbortSignal.timeout() does not hold the process open: the API client sets a
  // 30 s timeout on every request, and jsdom's would keep Jest waiting for each one.
  'AbortController',
  'AbortSignal',
  'crypto',
  'CryptoKey',
];

class JsdomWithNodeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of FROM_NODE) {
      // Defined, not assigned: jsdom's own (crypto without `subtle`) are accessors on the window.
      if (globalThis[name] !== undefined) {
        Object.defineProperty(this.global, name, { value: globalThis[name], writable: true, configurable: true });
      }
    }
  }

  async setup() {
    await super.setup();
    // jsdom lays nothing out, so nothing it holds is ever resized: an observer that is never
    // told anything is exactly right. Fluent's MessageBar needs one to exist.
    if (this.global.ResizeObserver === undefined) {
      this.global.ResizeObserver = class ResizeObserver {
        observe() {}
        unobserve() {}
        disconnect() {}
      };
    }
  }

  exportConditions() {
    return ['node', 'node-addons'];
  }
}

module.exports = JsdomWithNodeEnvironment;
