/**
 * Clusters of similar reports: the same message reported by several recipients, and similar
 * messages from one authenticated sender domain (a newsletter's issues, an invoice run). The
 * admin decides once for the whole cluster.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDateTime, Page, literalUnion } from '../common';
import { Submission } from '../submissions';
import { ReviewResult } from './review';

export const CLUSTER_STATUSES = ['open', 'decided'] as const;
export const ClusterStatus = literalUnion(CLUSTER_STATUSES);
export type ClusterStatus = Static<typeof ClusterStatus>;

/** How many reports chose each category. */
export const CategoryCounts = Type.Object({
  notJunk: Type.Integer({ minimum: 0 }),
  spam: Type.Integer({ minimum: 0 }),
  phishing: Type.Integer({ minimum: 0 }),
  malware: Type.Integer({ minimum: 0 }),
});
export type CategoryCounts = Static<typeof CategoryCounts>;

export const ClusterVerdict = Type.Object({
  /** The admin submission (analysis) the verdict is stored on. */
  submissionId: Id,
  category: Type.String(),
  primaryCause: Type.String(),
  analyzedDateTime: IsoDateTime,
});

export const Cluster = Type.Object({
  id: Id,
  /** The authenticated sender domain every member shares (or the From domain when none authenticated). */
  senderDomain: Type.String(),
  /** A report standing for the cluster: analysed, previewed and shown first. */
  representativeId: Id,
  subject: Type.String(),
  reportCount: Type.Integer({ minimum: 0 }),
  reporterCount: Type.Integer({ minimum: 0 }),
  recipientCount: Type.Integer({ minimum: 0 }),
  /** Reports not reviewed yet. */
  openCount: Type.Integer({ minimum: 0 }),
  firstSeenDateTime: IsoDateTime,
  lastSeenDateTime: IsoDateTime,
  categories: CategoryCounts,
  status: ClusterStatus,
  decision: Type.Union([
    Type.Object({ result: ReviewResult, message: Type.Union([Type.String(), Type.Null()]), decidedDateTime: IsoDateTime, decidedBy: Type.String() }),
    Type.Null(),
  ]),
  /** New reports that join a decided cluster get its result and notice at once (off by default). */
  autoResolve: Type.Boolean(),
  latestVerdict: Type.Union([ClusterVerdict, Type.Null()]),
});
export type Cluster = Static<typeof Cluster>;

export const ClusterDetail = Type.Composite([
  Cluster,
  Type.Object({
    /** Newest first; the first 500 (the count says how many there are). */
    reports: Type.Array(Submission),
    reporters: Type.Array(Type.String()),
    recipients: Type.Array(Type.String()),
  }),
]);
export type ClusterDetail = Static<typeof ClusterDetail>;

export const ClusterPage = Page(Cluster);
export type ClusterPage = Static<typeof ClusterPage>;

export const ListClustersQuery = Type.Object(
  {
    status: Type.Optional(ClusterStatus),
    senderDomain: Type.Optional(Type.String({ maxLength: 255 })),
    /** Only clusters with at least this many reports (default 2: a single report is no cluster). */
    minReports: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 2 })),
    /** `size`: most reports first; `lastSeen`: most recent activity first (default). */
    sort: Type.Optional(literalUnion(['lastSeen', 'size'] as const)),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type ListClustersQuery = Static<typeof ListClustersQuery>;

export const ClusterPatch = Type.Object({ autoResolve: Type.Boolean() }, { additionalProperties: false });
export type ClusterPatch = Static<typeof ClusterPatch>;
