/**
 * A typed client for the Second Look server. Types come from src/contracts (type-only
 * imports, so TypeBox stays out of the browser bundle); `fetch` and the token source are
 * injected so the client runs unchanged in the task pane, the command runtime and tests.
 */
import type { AddinConfig, DevTokenRequest, DevTokenResponse } from '../../contracts/addin-config';
import type { ErrorBody } from '../../contracts/common';
import type { SenderListItem, SenderListResponse } from '../../contracts/lists';
import type { MessagePreview } from '../../contracts/preview';
import type { MyQuarantineActionResult, MyQuarantineDetail, MyQuarantinePage, QuarantineReportBody, UserActionPath } from '../../contracts/quarantine';
import type { CreateSubmission, Submission, SubmissionPage } from '../../contracts/submissions';
import { ApiError, FeatureUnavailableError, NetworkError, isMissingRoute, retryAfterMs } from './errors';
import type { FetchLike, RemoveSenderOutcome, SenderListKind, TokenSource } from './types';

/**
 * The header that makes a retried report safe. Spelled as HTTP convention has it; the
 * server matches it case-insensitively (contracts' IDEMPOTENCY_HEADER is the lower-case
 * name; it is not imported because it is a value and would pull TypeBox into the bundle).
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

export interface ApiClientOptions {
  /** The server's origin, e.g. "https://localhost:3000". */
  baseUrl: string;
  fetch: FetchLike;
  /** Needed for the calls that act as the user; config and dev-token calls go without. */
  tokens?: TokenSource;
  /** Give up on a request after this long (default 30 s) so a hung server cannot stall a command. */
  timeoutMs?: number;
}

export interface CreatedSubmission {
  submission: Submission;
  /** True for 201 (new); false for 200 (the server already had this idempotency key). */
  created: boolean;
}

export interface ApiClient {
  getConfig(): Promise<AddinConfig>;
  requestDevToken(request: DevTokenRequest): Promise<DevTokenResponse>;
  createSubmission(body: CreateSubmission, idempotencyKey: string): Promise<CreatedSubmission>;
  listMySubmissions(query?: { internetMessageId?: string; cursor?: string }): Promise<SubmissionPage>;
  /** The user's safe or blocked senders, with how many are used of the per-user limit. */
  listSenders(list: SenderListKind): Promise<SenderListResponse>;
  /** Adds an address or a domain; resolves with the entry as the server stored it (normalised). */
  addSender(list: SenderListKind, value: string): Promise<SenderListItem>;
  /** Removes an entry by its `value` (as the server returned it). */
  removeSender(list: SenderListKind, value: string): Promise<RemoveSenderOutcome>;
  /** Shorthand for addSender('safe', value): the ribbon's one-click command. */
  addSafeSender(value: string): Promise<SenderListItem>;
  /** My quarantined messages, newest first (GET /api/me/quarantine). */
  listMyQuarantine(query?: { cursor?: string }): Promise<MyQuarantinePage>;
  /** One of my quarantined messages; `headers` only when its policy allows viewing them. */
  myQuarantineDetail(id: string): Promise<MyQuarantineDetail>;
  /** An end-user action on one of my quarantined messages; the server checks its policy again. */
  quarantineAction(id: string, action: UserActionPath, body?: QuarantineReportBody): Promise<MyQuarantineActionResult>;
  /** The body of one of my quarantined messages, read on the server, when its policy allows preview (sanitised by the pane). */
  myQuarantinePreview(id: string): Promise<MessagePreview>;
}

/** Where each list lives on the server (the lists API in the OpenAPI document). */
export const SENDER_LIST_PATHS: Readonly<Record<SenderListKind, string>> = {
  safe: '/api/me/safe-senders',
  blocked: '/api/me/blocked-senders',
};

const SENDER_LIST_FEATURES: Readonly<Record<SenderListKind, string>> = {
  safe: 'safe senders',
  blocked: 'blocked senders',
};

type Auth = 'none' | 'user';

interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  auth: Auth;
  body?: unknown;
  headers?: Record<string, string>;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['message'] === 'string' && typeof record['statusCode'] === 'number';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function send(spec: RequestSpec, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    const init: RequestInit = { method: spec.method, headers };
    if (spec.body !== undefined) init.body = JSON.stringify(spec.body);
    if (typeof AbortSignal !== 'undefined' && typeof AbortSignal.timeout === 'function') {
      init.signal = AbortSignal.timeout(timeoutMs);
    }
    try {
      return await options.fetch(`${baseUrl}${spec.path}`, init);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new NetworkError(`${spec.method} ${spec.path} got no answer: ${reason}`, error);
    }
  }

  async function bearer(): Promise<string> {
    if (!options.tokens) throw new Error('This call needs a signed-in user (no token source).');
    return options.tokens.token();
  }

  /** Sends the request; on a 401 drops the cached token and tries once more with a fresh one. */
  async function request(spec: RequestSpec): Promise<{ status: number; body: unknown }> {
    let response = await send(spec, spec.auth === 'user' ? await bearer() : null);
    if (response.status === 401 && spec.auth === 'user' && options.tokens) {
      options.tokens.invalidate();
      response = await send(spec, await bearer());
    }
    const body = await readJson(response);
    if (response.ok) return { status: response.status, body };
    const errorBody = isErrorBody(body) ? body : null;
    const message =
      errorBody?.message ?? `${spec.method} ${spec.path} failed with HTTP ${response.status}`;
    throw new ApiError(response.status, message, errorBody, retryAfterMs(response.headers.get('retry-after'), Date.now()));
  }

  function addSender(list: SenderListKind, value: string): Promise<SenderListItem> {
    return senderListCall(list, async () => {
      const { body } = await request({ method: 'POST', path: SENDER_LIST_PATHS[list], auth: 'user', body: { value } });
      return body as SenderListItem;
    });
  }

  return {
    async getConfig() {
      const { body } = await request({ method: 'GET', path: '/api/addin/config', auth: 'none' });
      return body as AddinConfig;
    },

    async requestDevToken(devRequest) {
      const { body } = await request({
        method: 'POST',
        path: '/api/dev/token',
        auth: 'none',
        body: devRequest,
      });
      return body as DevTokenResponse;
    },

    async createSubmission(submission, idempotencyKey) {
      const { status, body } = await request({
        method: 'POST',
        path: '/api/submissions',
        auth: 'user',
        body: submission,
        headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      });
      return { submission: body as Submission, created: status === 201 };
    },

    async listMySubmissions(query = {}) {
      const params = new URLSearchParams();
      if (query.internetMessageId !== undefined) {
        params.set('internetMessageId', query.internetMessageId);
      }
      if (query.cursor !== undefined) params.set('cursor', query.cursor);
      const search = params.toString();
      const path = `/api/me/submissions${search === '' ? '' : `?${search}`}`;
      const { body } = await request({ method: 'GET', path, auth: 'user' });
      return body as SubmissionPage;
    },

    async listSenders(list) {
      return senderListCall(list, async () => {
        const { body } = await request({ method: 'GET', path: SENDER_LIST_PATHS[list], auth: 'user' });
        return body as SenderListResponse;
      });
    },

    addSender,

    async removeSender(list, value) {
      try {
        const path = `${SENDER_LIST_PATHS[list]}/${encodeURIComponent(value)}`;
        await request({ method: 'DELETE', path, auth: 'user' });
        return 'removed';
      } catch (error) {
        if (isMissingRoute(error)) throw new FeatureUnavailableError(SENDER_LIST_FEATURES[list]);
        // A 404 about the value: someone (another pane, an admin) removed it first. The
        // user wanted it gone, and it is.
        if (error instanceof ApiError && error.status === 404) return 'alreadyGone';
        throw error;
      }
    },

    addSafeSender: (value) => addSender('safe', value),

    async listMyQuarantine(query = {}) {
      const search = query.cursor === undefined ? '' : `?${new URLSearchParams({ cursor: query.cursor }).toString()}`;
      const { body } = await request({ method: 'GET', path: `/api/me/quarantine${search}`, auth: 'user' });
      return body as MyQuarantinePage;
    },

    async myQuarantineDetail(id) {
      const { body } = await request({ method: 'GET', path: `/api/me/quarantine/${encodeURIComponent(id)}`, auth: 'user' });
      return body as MyQuarantineDetail;
    },

    async quarantineAction(id, action, actionBody) {
      const path = `/api/me/quarantine/${encodeURIComponent(id)}/${action}`;
      const { body } = await request({ method: 'POST', path, auth: 'user', ...(actionBody === undefined ? {} : { body: actionBody }) });
      return body as MyQuarantineActionResult;
    },

    async myQuarantinePreview(id) {
      const { body } = await request({ method: 'GET', path: `/api/me/quarantine/${encodeURIComponent(id)}/preview`, auth: 'user' });
      return body as MessagePreview;
    },
  };
}

/**
 * Runs a list call, turning "the server has no such route" into FeatureUnavailableError:
 * a server from before the lists API answers 404, which means "not yet", not "no such sender".
 */
async function senderListCall<T>(list: SenderListKind, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isMissingRoute(error)) throw new FeatureUnavailableError(SENDER_LIST_FEATURES[list]);
    throw error;
  }
}
