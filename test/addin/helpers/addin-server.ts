/**
 * The real triage server for the add-in's tests: `buildApp` over a temporary SQLite file and a
 * fixed clock (test/helpers/server.ts), reached through the add-in's own fetch seam by
 * `app.inject()` (test/helpers/inject-fetch.ts). Its routes, rules, messages and database are
 * the ones Outlook talks to, so nothing here can drift from them.
 *
 * Around it sits only what a network adds: the connection can drop (`down`), and what the
 * add-in sent is recorded so a test can check a header or a path as well as what the server
 * stored. The test's own look at the server (`submissions`, `senderList`, seeding) goes
 * straight to the app with a token of its own and is not recorded.
 */
import type { FetchLike } from '../../../src/addin/api/types';
import type { SenderListItem, SenderListResponse } from '../../../src/contracts/lists';
import type { MailQueuePage, QueuedMail } from '../../../src/contracts/portal/mail-queue';
import type { MarkRequest, MarkResponse } from '../../../src/contracts/portal/review';
import type { CreateSubmission, Submission, SubmissionPage } from '../../../src/contracts/submissions';
import { injectFetch } from '../../helpers/inject-fetch';
import { startTestServer, type TestServer } from '../../helpers/server';

/** Where the add-in finds the server: a loopback origin, so dev tokens are handed out. */
export const ORIGIN = 'http://localhost:3000';

/** The organisation's own domain in these tests (SECOND_LOOK_ACCEPTED_DOMAINS). */
export const ACCEPTED_DOMAIN = 'contoso.example';

export interface SentRequest {
  method: string;
  /** Path and query, as the server received them. */
  path: string;
  headers: Headers;
  /** The parsed JSON body, if any. */
  body: unknown;
}

type ListKind = 'safe' | 'blocked';

export interface AddinServer {
  readonly test: TestServer;
  readonly origin: string;
  /** The add-in's fetch: every call is answered by the real app. */
  readonly fetch: FetchLike;
  /** When true, every call fails as a dropped connection does (fetch rejects with a TypeError). */
  down: boolean;
  /**
   * When false, the server answers the sender-list paths as a server from before they existed
   * does: its own 404 for a path it has no route for.
   */
  senderListRoutes: boolean;
  /** What the add-in sent, in order (calls made while `down` never arrived and are absent). */
  readonly sent: SentRequest[];
  sentTo(method: string, pathPrefix: string): SentRequest[];
  /** A token of this server's issuer for `email` (an end user unless roles are given). */
  token(email: string): Promise<string>;
  /** Every submission the server holds, newest first, as a security administrator reads them. */
  submissions(): Promise<Submission[]>;
  /** `email`'s own list as the server holds it. */
  senderList(email: string, list: ListKind): Promise<SenderListResponse>;
  /** Adds to `email`'s list as that user would from another device. */
  addToList(email: string, list: ListKind, value: string): Promise<SenderListItem>;
  /** Reports a message as `email` from elsewhere (an earlier report), at the server's current time. */
  report(email: string, submission: CreateSubmission, idempotencyKey: string): Promise<Submission>;
  /** Marks a report as the security team does in the portal (POST /api/submissions/{id}/mark, SecurityAdministrator). */
  mark(submissionId: string, request: MarkRequest): Promise<MarkResponse>;
  /** The outgoing mail (the notices to reporters), as the security team sees it. */
  mailQueue(): Promise<QueuedMail[]>;
  close(): Promise<void>;
}

/** Paths that did not exist before the user's own lists were added to the server. */
const SENDER_LIST_PATH = /^\/api\/me\/(?:safe|blocked)-senders(?:[/?]|$)/;
/** A prefix the server routes nothing under: where such requests go when the routes are "absent". */
const ABSENT_PREFIX = '/before-sender-lists';

function parseBody(body: RequestInit['body']): unknown {
  if (typeof body !== 'string') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

export async function startAddinServer(env: Record<string, string> = {}): Promise<AddinServer> {
  const test = await startTestServer('sqlite', {
    SECOND_LOOK_ACCEPTED_DOMAINS: ACCEPTED_DOMAIN,
    // Load shedding measures this process's event loop, which rendering and the other suites
    // share: a slow moment there must not turn into a 503 the test did not ask for.
    SECOND_LOOK_MAX_EVENT_LOOP_DELAY_MS: '0',
    SECOND_LOOK_MAX_HEAP_BYTES: '0',
    ...env,
  });
  const inject = injectFetch(test.app);
  const sent: SentRequest[] = [];

  async function asUser<T>(email: string, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await test.app.inject({
      method,
      url: path,
      headers: { host: new URL(ORIGIN).host, authorization: `Bearer ${await test.token(email)}`, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    if (response.statusCode >= 300) throw new Error(`${method} ${path} answered ${response.statusCode}: ${response.body}`);
    return response.json<T>();
  }

  const server: AddinServer = {
    test,
    origin: ORIGIN,
    down: false,
    senderListRoutes: true,
    sent,
    fetch: async (url, init = {}) => {
      if (server.down) throw new TypeError('fetch failed');
      const target = new URL(url);
      const path = `${target.pathname}${target.search}`;
      sent.push({ method: init.method ?? 'GET', path, headers: new Headers(init.headers), body: parseBody(init.body) });
      const routed = !server.senderListRoutes && SENDER_LIST_PATH.test(target.pathname) ? `${target.origin}${ABSENT_PREFIX}${path}` : url;
      return inject(routed, init);
    },
    sentTo: (method, pathPrefix) => sent.filter((request) => request.method === method && request.path.startsWith(pathPrefix)),
    token: (email) => test.token(email),
    async mark(submissionId, request) {
      const admin = await test.token('secops@contoso.example', ['SecurityAdministrator']);
      const response = await test.app.inject({
        method: 'POST',
        url: `/api/submissions/${encodeURIComponent(submissionId)}/mark`,
        headers: { authorization: `Bearer ${admin}` },
        payload: request,
      });
      if (response.statusCode !== 200) throw new Error(`POST /api/submissions/${submissionId}/mark answered ${response.statusCode}: ${response.body}`);
      return response.json<MarkResponse>();
    },
    async mailQueue() {
      const admin = await test.token('secops@contoso.example', ['SecurityAdministrator']);
      const response = await test.app.inject({ method: 'GET', url: '/api/mail-queue', headers: { authorization: `Bearer ${admin}` } });
      if (response.statusCode !== 200) throw new Error(`GET /api/mail-queue answered ${response.statusCode}: ${response.body}`);
      return response.json<MailQueuePage>().items;
    },
    async submissions() {
      const admin = await test.token('secops@contoso.example', ['SecurityAdministrator']);
      const response = await test.app.inject({ method: 'GET', url: '/api/submissions', headers: { authorization: `Bearer ${admin}` } });
      if (response.statusCode !== 200) throw new Error(`GET /api/submissions answered ${response.statusCode}: ${response.body}`);
      return response.json<SubmissionPage>().items;
    },
    senderList: (email, list) => asUser<SenderListResponse>(email, 'GET', `/api/me/${list}-senders`),
    addToList: (email, list, value) => asUser<SenderListItem>(email, 'POST', `/api/me/${list}-senders`, { value }),
    report: (email, submission, idempotencyKey) =>
      asUser<Submission>(email, 'POST', '/api/submissions', submission, { 'idempotency-key': idempotencyKey }),
    close: () => test.close(),
  };
  return server;
}
