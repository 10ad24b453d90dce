/**
 * Wires the add-in together once per runtime (task pane or command runtime): the API client,
 * tokens (chosen by the server's config, fetched lazily), the outbox and the report use case.
 * Everything from outside (Outlook, storage, fetch, the clock) comes in through `env`.
 */
import type { AddinConfig } from '../../contracts/addin-config';
import type { Submission } from '../../contracts/submissions';
import { pickCatalog, pickLocale, type Catalog, type Locale } from '../../i18n';
import { createApiClient, type ApiClient } from '../api/client';
import type { FetchLike, TokenSource } from '../api/types';
import { createTokenSources, type AddinTokens } from '../auth';
import type { MsalLoader } from '../auth/naa';
import type { MoveDeps } from '../move/strategy';
import type { KeyValueStorage } from '../office/storage';
import type { OfficeMailbox } from '../office/types';
import type { RandomSource } from '../outbox/backoff';
import { Outbox } from '../outbox/outbox';
import { senderFromApi } from '../outbox/sender';
import { reportMessage, type ReportRequest, type ReportResult } from '../report/report-message';

export interface AddinEnvironment {
  mailbox: OfficeMailbox;
  storage: KeyValueStorage;
  fetch: FetchLike;
  /** The server's origin. */
  baseUrl: string;
  /** Epoch milliseconds. */
  now: () => number;
  newKey?: () => string;
  /** Draws the outbox's backoff jitter; Math.random by default. */
  random?: RandomSource;
  loadMsal?: MsalLoader;
}

export interface AddinServices {
  mailbox: OfficeMailbox;
  locale: Locale;
  strings: Catalog;
  api: ApiClient;
  outbox: Outbox;
  now: () => number;
  config(): Promise<AddinConfig>;
  report(request: ReportRequest): Promise<ReportResult>;
  /** This user's earlier reports of the message, newest first. */
  earlierReports(internetMessageId: string): Promise<Submission[]>;
}

/** Remembers a successful result; a failure is forgotten so the next call tries again. */
export function memoSuccess<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | null = null;
  return () => {
    cached ??= load().catch((error: unknown) => {
      cached = null;
      throw error;
    });
    return cached;
  };
}

/** A TokenSource whose real source is only known once the config has arrived. */
export function deferredTokens(resolve: () => Promise<TokenSource>): TokenSource {
  let current: TokenSource | null = null;
  return {
    async token() {
      current = await resolve();
      return current.token();
    },
    invalidate() {
      current?.invalidate();
    },
  };
}

export function createAddinServices(env: AddinEnvironment): AddinServices {
  const displayLanguage = env.mailbox.displayLanguage();
  const locale = pickLocale(displayLanguage);
  const strings = pickCatalog(displayLanguage);

  let tokens: () => Promise<AddinTokens> = () => Promise.reject(new Error('not wired yet'));
  const api = createApiClient({
    baseUrl: env.baseUrl,
    fetch: env.fetch,
    tokens: deferredTokens(async () => (await tokens()).api),
  });
  const config = memoSuccess(() => api.getConfig());
  tokens = memoSuccess(async () => {
    const { auth } = await config();
    const deps = {
      requestDevToken: api.requestDevToken,
      user: () => env.mailbox.user(),
      now: env.now,
    };
    return createTokenSources(auth, env.loadMsal ? { ...deps, loadMsal: env.loadMsal } : deps);
  });

  const outbox = new Outbox({
    storage: env.storage,
    send: senderFromApi(api, { displayLanguage: () => env.mailbox.displayLanguage() }),
    now: env.now,
    ...(env.newKey ? { newKey: env.newKey } : {}),
    ...(env.random ? { random: env.random } : {}),
  });

  const moveDeps = async (): Promise<MoveDeps> => ({
    mailbox: env.mailbox,
    graphTokens: (await tokens()).graph,
    fetch: env.fetch,
  });

  return {
    mailbox: env.mailbox,
    locale,
    strings,
    api,
    outbox,
    now: env.now,
    config,
    report: (request) => reportMessage(request, { mailbox: env.mailbox, outbox, moveDeps, now: env.now }),
    async earlierReports(internetMessageId) {
      const page = await api.listMySubmissions({ internetMessageId });
      return [...page.items].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
    },
  };
}
