/**
 * The Rspamd client without Rspamd: what it sends, how it checks replies Rspamd would never
 * send (a fake fetch is enough for those), a real timeout against a loopback socket that never
 * answers, and a refused connection. Every failure must be an RspamdError of the right kind.
 */
import net from 'node:net';
import { createRspamdClient, RspamdError, type RspamdErrorKind } from '../../src/server/integrations/rspamd';
import { freePort } from './rspamd-support';
import { failure } from './rspamd-failure';

const MESSAGE = Buffer.from('From: a@example.com\r\nTo: b@example.org\r\nSubject: hi\r\n\r\nhello\r\n');
const GOOD_REPLY = {
  is_skipped: false,
  score: 6.5,
  required_score: 15,
  action: 'add header',
  symbols: {
    MIME_GOOD: { name: 'MIME_GOOD', score: -0.1, metric_score: -0.1, description: 'Known content-type', options: ['text/plain'] },
    BAYES_SPAM: { name: 'BAYES_SPAM', score: 6.6, metric_score: 5.1, options: ['99.99%'] },
  },
  messages: { smtp_message: 'Spam message rejected' },
  'message-id': 'abc@example.com',
  time_real: 0.01,
};

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(reply: () => Response, calls: Call[] = []): typeof fetch {
  return async (input, init) => {
    calls.push({ url: String(input), init });
    return reply();
  };
}

const json = (body: unknown, status = 200): (() => Response) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function thrown(action: () => unknown): RspamdError {
  try {
    action();
  } catch (error) {
    if (error instanceof RspamdError) return error;
    throw new Error(`expected an RspamdError, got ${String(error)}`);
  }
  throw new Error('expected it to throw');
}

describe('createRspamdClient: the request', () => {
  test('posts the raw message to /checkv2 with the documented headers', async () => {
    const calls: Call[] = [];
    const client = createRspamdClient({ url: 'http://127.0.0.1:11334//', password: 's3cret', timeoutMs: 1_000, fetch: fakeFetch(json(GOOD_REPLY), calls) });
    await client.check(MESSAGE, {
      from: 'billing@supplier.example',
      rcpt: ['anna@contoso.example', 'audit@contoso.example'],
      ip: '2001:db8::7',
      helo: 'mail.supplier.example',
      hostname: 'mail.supplier.example',
      queueId: '4XyZ12',
    });

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe('http://127.0.0.1:11334/checkv2');
    expect(call?.init?.method).toBe('POST');
    expect(call?.init?.signal).toBeInstanceOf(AbortSignal);
    expect(Buffer.from(call?.init?.body as Uint8Array).equals(MESSAGE)).toBe(true);
    const headers = new Headers(call?.init?.headers);
    expect(Object.fromEntries(headers)).toEqual({
      from: 'billing@supplier.example',
      rcpt: 'anna@contoso.example, audit@contoso.example',
      ip: '2001:db8::7',
      helo: 'mail.supplier.example',
      hostname: 'mail.supplier.example',
      'queue-id': '4XyZ12',
      password: 's3cret',
    });
  });

  test('sends no envelope headers it was not given, and no Password without one', async () => {
    const calls: Call[] = [];
    await createRspamdClient({ url: 'https://rspamd.example/base', timeoutMs: 1_000, fetch: fakeFetch(json(GOOD_REPLY), calls) }).check(MESSAGE);
    expect(calls[0]?.url).toBe('https://rspamd.example/base/checkv2');
    expect([...new Headers(calls[0]?.init?.headers).keys()]).toEqual([]);
  });

  test.each([
    ['a line break in HELO', { helo: 'mail.example\r\nX-Evil: 1' }],
    ['an empty queue id', { queueId: '' }],
    ['an IP that is not one', { ip: '203.0.113.300' }],
    ['a NUL in a recipient', { rcpt: ['a@example.org', 'b\u0000@example.org'] }],
  ])('refuses %s before sending anything', async (_what, meta) => {
    const calls: Call[] = [];
    const client = createRspamdClient({ url: 'http://127.0.0.1:11334', timeoutMs: 1_000, fetch: fakeFetch(json(GOOD_REPLY), calls) });
    expect((await failure(client.check(MESSAGE, meta))).kind).toBe('invalidRequest');
    expect(calls).toHaveLength(0);
  });

  test.each([
    ['not a URL', 'rspamd:11334 please', 1_000],
    ['not http', 'ftp://127.0.0.1:11334', 1_000],
    ['credentials in the URL', 'http://admin:secret@127.0.0.1:11334', 1_000],
    ['a zero timeout', 'http://127.0.0.1:11334', 0],
    ['an infinite timeout', 'http://127.0.0.1:11334', Number.POSITIVE_INFINITY],
  ])('refuses a configuration with %s', (_what, url, timeoutMs) => {
    expect(thrown(() => createRspamdClient({ url, timeoutMs })).kind).toBe('invalidConfig');
  });
});

describe('createRspamdClient: the reply', () => {
  test('parses action, scores, symbols (largest first), messages and message id', async () => {
    const client = createRspamdClient({ url: 'http://127.0.0.1:11334', timeoutMs: 1_000, fetch: fakeFetch(json(GOOD_REPLY)) });
    expect(await client.check(MESSAGE)).toEqual({
      action: 'add header',
      score: 6.5,
      requiredScore: 15,
      isSkipped: false,
      symbols: [
        { name: 'BAYES_SPAM', score: 6.6, metricScore: 5.1, options: ['99.99%'] },
        { name: 'MIME_GOOD', score: -0.1, metricScore: -0.1, description: 'Known content-type', options: ['text/plain'] },
      ],
      messages: { smtp_message: 'Spam message rejected' },
      messageId: 'abc@example.com',
    });
  });

  const symbols = GOOD_REPLY.symbols;
  test.each<[string, unknown, string]>([
    ['a JSON array', [GOOD_REPLY], 'the body is not a JSON object'],
    ['null', null, 'the body is not a JSON object'],
    ['no action', { ...GOOD_REPLY, action: undefined }, 'action is missing'],
    ['an empty action', { ...GOOD_REPLY, action: ' ' }, 'action is missing'],
    ['a score as text', { ...GOOD_REPLY, score: '6.5' }, 'score is not a number'],
    ['no required score', { ...GOOD_REPLY, required_score: undefined }, 'required_score is not a number'],
    ['is_skipped as text', { ...GOOD_REPLY, is_skipped: 'no' }, 'is_skipped is not a boolean'],
    ['symbols as a list', { ...GOOD_REPLY, symbols: [symbols.MIME_GOOD] }, 'symbols is not an object'],
    ['a symbol that is a number', { ...GOOD_REPLY, symbols: { X: 1 } }, 'symbols.X is not an object'],
    ['a symbol without a score', { ...GOOD_REPLY, symbols: { X: { name: 'X' } } }, 'symbols.X.score is not a number'],
    ['a symbol under another name', { ...GOOD_REPLY, symbols: { X: { name: 'Y', score: 1 } } }, 'symbols.X.name is "Y"'],
    ['options that are not strings', { ...GOOD_REPLY, symbols: { X: { score: 1, options: [1] } } }, 'symbols.X.options is not a list of strings'],
    ['a description that is not text', { ...GOOD_REPLY, symbols: { X: { score: 1, description: 2 } } }, 'symbols.X.description is not a string'],
    ['messages as a list', { ...GOOD_REPLY, messages: ['x'] }, 'messages is not an object'],
    ['a message that is not text', { ...GOOD_REPLY, messages: { smtp_message: 5 } }, 'messages.smtp_message is not a string'],
  ])('a reply with %s is a malformed RspamdError', async (_what, body, detail) => {
    const client = createRspamdClient({ url: 'http://127.0.0.1:11334', timeoutMs: 1_000, fetch: fakeFetch(json(body)) });
    const error = await failure(client.check(MESSAGE));
    expect(error.kind).toBe('malformed');
    expect(error.message).toBe(`Rspamd sent a /checkv2 reply of the wrong shape: ${detail}`);
  });

  test('a reply that is not JSON is malformed and quotes its start', async () => {
    const client = createRspamdClient({ url: 'http://127.0.0.1:11334', timeoutMs: 1_000, fetch: fakeFetch(() => new Response('<html>\n  proxy error')) });
    const error = await failure(client.check(MESSAGE));
    expect(error.kind).toBe('malformed');
    expect(error.message).toBe('Rspamd sent a /checkv2 reply that is not JSON: "<html> proxy error"');
  });

  test.each<[number, string, RspamdErrorKind, string]>([
    [500, '{"error":"cannot process task"}', 'http', 'answered HTTP 500: cannot process task'],
    [404, 'Not Found', 'http', 'answered HTTP 404: Not Found'],
    [403, '{"error":"Unauthorized"}', 'unauthorized', 'refused the request (HTTP 403: Unauthorized); check the controller password'],
  ])('HTTP %i is an RspamdError with the status and Rspamd\'s reason', async (status, body, kind, text) => {
    const client = createRspamdClient({ url: 'http://127.0.0.1:11334/?x=1#y', timeoutMs: 1_000, fetch: fakeFetch(() => new Response(body, { status })) });
    const error = await failure(client.check(MESSAGE));
    expect({ kind: error.kind, status: error.status }).toEqual({ kind, status });
    expect(error.message).toBe(`Rspamd at http://127.0.0.1:11334/checkv2 ${text}`);
  });

  test('whatever an injected fetch throws becomes an RspamdError', async () => {
    const client = createRspamdClient({
      url: 'http://127.0.0.1:11334',
      timeoutMs: 1_000,
      fetch: async () => {
        throw new RangeError('odd');
      },
    });
    const error = await failure(client.check(MESSAGE));
    expect(error.kind).toBe('unreachable');
    expect(error.cause).toBeInstanceOf(RangeError);
  });
});

describe('createRspamdClient: the network', () => {
  test('a server that accepts and never answers is a timeout RspamdError', async () => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const client = createRspamdClient({ url: `http://127.0.0.1:${port}`, timeoutMs: 150 });
      const started = Date.now();
      const error = await failure(client.check(MESSAGE));
      expect(error.kind).toBe('timeout');
      expect(error.message).toBe(`Rspamd at http://127.0.0.1:${port}/checkv2 did not answer within 150 ms`);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(sockets.size).toBe(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a port nothing listens on is an unreachable RspamdError naming the cause', async () => {
    const port = await freePort();
    const client = createRspamdClient({ url: `http://127.0.0.1:${port}`, timeoutMs: 5_000 });
    const error = await failure(client.check(MESSAGE));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(`Rspamd at http://127.0.0.1:${port}/checkv2 is unreachable (ECONNREFUSED)`);
  });
});
