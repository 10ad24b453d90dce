/**
 * A fake Second Look server (and Microsoft Graph) behind an injected fetch. It keeps
 * submissions by idempotency key like the real one: 201 the first time, 200 with the same
 * submission on a retry.
 */
import type { AddinConfig } from '../../../src/contracts/addin-config';
import type { SenderListItem } from '../../../src/contracts/lists';
import type { CreateSubmission, Submission } from '../../../src/contracts/submissions';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

export interface CannedResponse {
  status: number;
  body: unknown;
}

export class FakeServer {
  origin = 'https://localhost:3000';
  /** When true, every request to the server fails as a dropped connection would. */
  down = false;
  config: AddinConfig = { auth: { mode: 'dev' }, moreInfoUrl: 'https://localhost:3000/addin/help.html' };
  /** Answers the next POST /api/submissions with this instead of storing it. */
  nextSubmissionResponse: CannedResponse | null = null;
  /** False: a server older than issue 3, with no /api/me/*-senders routes (404 no_route). */
  senderListsAvailable = false;
  senderListLimit = 1024;
  acceptedDomains = ['contoso.example'];
  /** The user's lists, as the real server would keep them (values lower-cased). */
  readonly senderLists: Record<'safe' | 'blocked', SenderListItem[]> = { safe: [], blocked: [] };
  graphStatus = 202;
  tokenCounter = 0;
  tokenLifetimeMs = 3_600_000;
  clock: () => number = () => Date.parse('2025-03-04T09:00:00Z');
  readonly requests: RecordedRequest[] = [];
  readonly graphRequests: RecordedRequest[] = [];
  readonly submissions = new Map<string, Submission>();
  earlier: Submission[] = [];

  readonly fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const request = { method, url, headers, body };
    if (url.startsWith('https://graph.microsoft.com/')) {
      this.graphRequests.push(request);
      return new Response(null, { status: this.graphStatus });
    }
    if (this.down) throw new TypeError('fetch failed');
    this.requests.push(request);
    const path = url.slice(this.origin.length);
    return this.route(method, path, headers, body);
  };

  requestsTo(method: string, pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.url.startsWith(`${this.origin}${pathPrefix}`));
  }

  private json(status: number, body: unknown): Response {
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }

  private route(method: string, path: string, headers: Headers, body: unknown): Response {
    if (method === 'GET' && path === '/api/addin/config') return this.json(200, this.config);
    if (method === 'POST' && path === '/api/dev/token') {
      this.tokenCounter += 1;
      const expiresAt = new Date(this.clock() + this.tokenLifetimeMs).toISOString();
      return this.json(200, { token: `dev-token-${this.tokenCounter}`, expiresAt });
    }
    const authorised = headers.get('authorization')?.startsWith('Bearer ') ?? false;
    if (!authorised) {
      return this.json(401, { statusCode: 401, error: 'Unauthorized', message: 'A bearer token is required.' });
    }
    if (method === 'POST' && path === '/api/submissions') return this.createSubmission(headers, body as CreateSubmission);
    if (method === 'GET' && path.startsWith('/api/me/submissions')) {
      return this.json(200, { items: this.earlier, nextCursor: null });
    }
    const list = /^\/api\/me\/(safe|blocked)-senders(?:\/([^/?]+))?$/.exec(path);
    if (list && this.senderListsAvailable) {
      return this.senderList(method, list[1] as 'safe' | 'blocked', list[2], body);
    }
    return this.json(404, { statusCode: 404, error: 'Not Found', message: `no route for ${method} ${path}`, code: 'no_route' });
  }

  private refuse(status: number, code: string, message: string): Response {
    const error = status === 400 ? 'Bad Request' : status === 404 ? 'Not Found' : 'Conflict';
    return this.json(status, { statusCode: status, error, message, code });
  }

  /** The list routes, with the refusals the issue names: duplicate, own domain, full list. */
  private senderList(method: string, kind: 'safe' | 'blocked', encoded: string | undefined, body: unknown): Response {
    const items = this.senderLists[kind];
    if (method === 'GET' && encoded === undefined) {
      return this.json(200, { items, used: items.length, limit: this.senderListLimit });
    }
    if (method === 'POST' && encoded === undefined) {
      const value = String((body as { value: unknown }).value).trim().toLowerCase();
      if (!value.includes('@') && this.acceptedDomains.includes(value)) {
        return this.refuse(400, 'ownAcceptedDomain', `${value} is one of the organisation's own domains; list individual addresses instead.`);
      }
      if (items.some((item) => item.value === value)) return this.refuse(409, 'duplicate', `${value} is already on the list.`);
      if (items.length >= this.senderListLimit) {
        return this.refuse(409, 'limitReached', `The list is full: ${items.length} of ${this.senderListLimit} entries are used. Remove one first.`);
      }
      const item: SenderListItem = {
        value,
        displayValue: value,
        valueType: value.includes('@') ? 'address' : 'domain',
        createdDateTime: new Date(this.clock()).toISOString(),
      };
      items.push(item);
      return this.json(201, item);
    }
    if (method === 'DELETE' && encoded !== undefined) {
      const value = decodeURIComponent(encoded);
      const index = items.findIndex((item) => item.value === value);
      if (index < 0) return this.refuse(404, 'not_found', `${value} was not found`);
      items.splice(index, 1);
      return new Response(null, { status: 204 });
    }
    return this.json(405, { statusCode: 405, error: 'Method Not Allowed', message: `${method} is not allowed here` });
  }

  private createSubmission(headers: Headers, body: CreateSubmission): Response {
    if (this.nextSubmissionResponse) {
      const canned = this.nextSubmissionResponse;
      this.nextSubmissionResponse = null;
      return this.json(canned.status, canned.body);
    }
    const key = headers.get('idempotency-key') ?? '';
    const existing = this.submissions.get(key);
    if (existing) return this.json(200, existing);
    const submission: Submission = {
      id: `sub${this.submissions.size + 1}`,
      category: body.category,
      source: 'user',
      status: 'pending',
      internetMessageId: body.internetMessageId,
      recipientEmailAddress: body.recipientEmailAddress,
      toRecipients: body.toRecipients ?? [],
      sender: body.sender,
      subject: body.subject,
      receivedDateTime: body.receivedDateTime,
      createdDateTime: new Date(this.clock()).toISOString(),
      createdBy: { email: body.recipientEmailAddress },
      comment: body.comment ?? null,
      hasMessage: body.message !== undefined,
      originalSubmissionId: null,
      result: null,
    };
    this.submissions.set(key, submission);
    return this.json(201, submission);
  }
}
