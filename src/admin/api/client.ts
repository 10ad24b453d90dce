/**
 * The portal's one way to the server: typed calls to /api, each with the bearer token in the
 * Authorization header (never a cookie, so a forged cross-site request carries nothing).
 * Types come from src/contracts as type-only imports, so TypeBox stays out of the bundle.
 */
import type { ErrorBody } from '../../contracts/common';
import type { MessagePreview } from '../../contracts/preview';
import type {
  AllowBlockEntry,
  BulkCreateAllowBlockEntries,
  BulkCreateResponse,
  CreateAllowBlockEntry,
  HealthReport,
  ListAllowBlockEntriesQuery,
  UpdateAllowBlockEntry,
  WhatIfResponse,
} from '../../contracts/lists';
import type {
  AuditPage,
  AuditQuery,
  BulkMarkRequest,
  ClusterDetail,
  ClusterPage,
  ClusterPatch,
  ListClustersQuery,
  ListMailQuery,
  MailQueuePage,
  MarkRequest,
  MarkResponse,
  NoticeKind,
  NoticeTemplate,
  NoticeTemplates,
  Overview,
  PolicySettings,
  QuarantinePolicySettings,
  QuarantinePolicySettingsResponse,
  PolicySettingsResponse,
  PortalConfig,
  PortalSession,
  QueuedMail,
  RenderedNotice,
  StoredTemplate,
  TemplatePreviewRequest,
} from '../../contracts/portal';
import type {
  QuarantineDetail,
  QuarantineListQuery,
  QuarantinePage,
  QuarantineReleaseResult,
  ReleaseDecisionResult,
} from '../../contracts/quarantine';
import type { BulkReleaseJob, BulkReleasePreview, BulkReleaseRequest, ReleaseSubmitAllowRequest, ReleaseSubmitAllowResult } from '../../contracts/quarantine-bulk';
import type { ListSubmissionsQuery, Submission, SubmissionDetail, SubmissionPage } from '../../contracts/submissions';
import type { VerdictLocale } from '../../contracts/verdict';
import { ApiError, NetworkError } from './errors';

export interface ApiOptions {
  /** The current bearer token, or null when signed out. */
  token: () => Promise<string | null>;
  /** Called on a 401 from a signed-in call: the session ended (expired, revoked). */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

type Query = Readonly<Record<string, string | number | boolean | undefined | null>>;

interface Call {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query | undefined;
  body?: unknown;
  accept?: string;
  /** Calls made before sign-in (the portal's configuration, redeeming a link). */
  anonymous?: boolean;
}

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const seg = encodeURIComponent;

export function createApi(options: ApiOptions) {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function send(call: Call): Promise<Response> {
    const headers: Record<string, string> = { accept: call.accept ?? 'application/json' };
    if (!call.anonymous) {
      const token = await options.token();
      if (token) headers['authorization'] = `Bearer ${token}`;
    }
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${call.path}${queryString(call.query)}`, {
        method: call.method ?? 'GET',
        headers,
        // Never send or store cookies: the bearer header is the only credential.
        credentials: 'omit',
        cache: 'no-store',
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      });
    } catch (error) {
      throw new NetworkError(error instanceof Error ? error.message : 'network error');
    }
    if (!response.ok) {
      let body: ErrorBody | null = null;
      try {
        body = (await response.json()) as ErrorBody;
      } catch {
        body = null;
      }
      if (response.status === 401 && !call.anonymous) options.onUnauthorized?.();
      throw new ApiError(response.status, body?.code ?? `http_${response.status}`, body);
    }
    return response;
  }

  async function json<T>(call: Call): Promise<T> {
    const response = await send(call);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  return {
    // Sign-in
    portalConfig: () => json<PortalConfig>({ path: '/api/portal/config', anonymous: true }),
    redeemLink: (code: string) => json<PortalSession>({ method: 'POST', path: '/api/portal/one-time-link', body: { code }, anonymous: true }),

    // Submissions
    listSubmissions: (query: ListSubmissionsQuery) => json<SubmissionPage>({ path: '/api/submissions', query }),
    submission: (id: string) => json<SubmissionDetail>({ path: `/api/submissions/${seg(id)}` }),
    message: async (id: string) => (await send({ path: `/api/submissions/${seg(id)}/message`, accept: 'message/rfc822' })).arrayBuffer(),
    /** The body read on the server (mailparser), for the safe preview; sanitised by the frame. */
    submissionPreview: (id: string) => json<MessagePreview>({ path: `/api/submissions/${seg(id)}/preview` }),
    analyze: (id: string, lang: VerdictLocale) => json<Submission>({ method: 'POST', path: `/api/submissions/${seg(id)}/analyze`, query: { lang } }),
    whatIf: (id: string) => json<WhatIfResponse>({ method: 'POST', path: `/api/submissions/${seg(id)}/what-if` }),
    mark: (id: string, body: MarkRequest) => json<MarkResponse>({ method: 'POST', path: `/api/submissions/${seg(id)}/mark`, body }),
    markMany: (body: BulkMarkRequest) => json<MarkResponse>({ method: 'POST', path: '/api/submissions/mark', body }),

    // Quarantine (every row: reads for readers, actions for quarantine administrators)
    listQuarantine: (query: QuarantineListQuery) => json<QuarantinePage>({ path: '/api/quarantine', query }),
    quarantineItem: (id: string) => json<QuarantineDetail>({ path: `/api/quarantine/${seg(id)}` }),
    quarantineMessage: async (id: string) => (await send({ path: `/api/quarantine/${seg(id)}/message`, accept: 'message/rfc822' })).arrayBuffer(),
    quarantinePreview: (id: string) => json<MessagePreview>({ path: `/api/quarantine/${seg(id)}/preview` }),
    releaseQuarantine: (id: string, recipients?: readonly string[]) =>
      json<QuarantineReleaseResult>({ method: 'POST', path: `/api/quarantine/${seg(id)}/release`, body: recipients && recipients.length > 0 ? { recipients: [...recipients] } : {} }),
    decideRelease: (id: string, decision: 'approve' | 'deny', comment?: string) =>
      json<ReleaseDecisionResult>({ method: 'POST', path: `/api/quarantine/${seg(id)}/release-request/${decision}`, body: comment ? { comment } : {} }),
    deleteQuarantine: (id: string) => json<void>({ method: 'POST', path: `/api/quarantine/${seg(id)}/delete` }),
    bulkReleasePreview: (body: Omit<BulkReleaseRequest, 'dryRun'>) => json<BulkReleasePreview>({ method: 'POST', path: '/api/quarantine/bulk-release', body: { ...body, dryRun: true } }),
    bulkReleaseStart: (body: Omit<BulkReleaseRequest, 'dryRun'>) => json<BulkReleaseJob>({ method: 'POST', path: '/api/quarantine/bulk-release', body: { ...body, dryRun: false } }),
    bulkReleaseJob: (jobId: string) => json<BulkReleaseJob>({ path: `/api/quarantine/bulk-release/${seg(jobId)}` }),
    releaseSubmitAllow: (id: string, body: ReleaseSubmitAllowRequest) => json<ReleaseSubmitAllowResult>({ method: 'POST', path: `/api/quarantine/${seg(id)}/release-submit-allow`, body }),

    // Clusters
    listClusters: (query: ListClustersQuery) => json<ClusterPage>({ path: '/api/clusters', query }),
    cluster: (id: string) => json<ClusterDetail>({ path: `/api/clusters/${seg(id)}` }),
    patchCluster: (id: string, body: ClusterPatch) => json<unknown>({ method: 'PATCH', path: `/api/clusters/${seg(id)}`, body }),
    markCluster: (id: string, body: MarkRequest) => json<MarkResponse>({ method: 'POST', path: `/api/clusters/${seg(id)}/mark`, body }),

    // Tenant Allow/Block List
    listEntries: (query: ListAllowBlockEntriesQuery) => json<{ items: AllowBlockEntry[]; nextCursor: string | null }>({ path: '/api/allow-block-entries', query }),
    createEntry: (body: CreateAllowBlockEntry) => json<AllowBlockEntry>({ method: 'POST', path: '/api/allow-block-entries', body }),
    updateEntry: (id: string, body: UpdateAllowBlockEntry) => json<AllowBlockEntry>({ method: 'PATCH', path: `/api/allow-block-entries/${seg(id)}`, body }),
    deleteEntry: (id: string) => json<void>({ method: 'DELETE', path: `/api/allow-block-entries/${seg(id)}` }),
    bulkCreateEntries: (body: BulkCreateAllowBlockEntries) => json<BulkCreateResponse>({ method: 'POST', path: '/api/allow-block-entries/bulk', body }),
    listHealth: () => json<HealthReport>({ path: '/api/allow-block-entries/health' }),

    // Audit
    audit: (query: AuditQuery) => json<AuditPage>({ path: '/api/audit', query }),
    auditCsv: async (query: AuditQuery) => (await send({ path: '/api/audit', query, accept: 'text/csv' })).blob(),

    // Settings
    templates: () => json<NoticeTemplates>({ path: '/api/settings/templates' }),
    putTemplate: (result: NoticeKind, locale: VerdictLocale, body: NoticeTemplate) =>
      json<StoredTemplate>({ method: 'PUT', path: `/api/settings/templates/${seg(result)}/${seg(locale)}`, body }),
    resetTemplate: (result: NoticeKind, locale: VerdictLocale) =>
      json<StoredTemplate>({ method: 'DELETE', path: `/api/settings/templates/${seg(result)}/${seg(locale)}` }),
    previewTemplate: (body: TemplatePreviewRequest) => json<RenderedNotice>({ method: 'POST', path: '/api/settings/templates/preview', body }),
    policy: () => json<PolicySettingsResponse>({ path: '/api/settings/policy' }),
    putPolicy: (body: PolicySettings) => json<PolicySettingsResponse>({ method: 'PUT', path: '/api/settings/policy', body }),
    quarantinePolicies: () => json<QuarantinePolicySettingsResponse>({ path: '/api/settings/quarantine-policies' }),
    putQuarantinePolicies: (body: QuarantinePolicySettings) => json<QuarantinePolicySettingsResponse>({ method: 'PUT', path: '/api/settings/quarantine-policies', body }),

    // Overview and mail
    overview: (days: number) => json<Overview>({ path: '/api/overview', query: { days } }),
    mailQueue: (query: ListMailQuery) => json<MailQueuePage>({ path: '/api/mail-queue', query }),
    resendMail: (id: string) => json<QueuedMail>({ method: 'POST', path: `/api/mail-queue/${seg(id)}/resend` }),
  };
}

export type PortalApi = ReturnType<typeof createApi>;
