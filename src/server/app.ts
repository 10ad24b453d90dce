/**
 * Builds the triage server as a Fastify app from a Config. It never listens: main.ts does, and
 * tests call app.inject(). Everything with a lifetime (database, pools) closes with the app.
 */
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../core/time/clock';
import { isInstant } from '../core/time/instant';
import { installAuthentication } from './auth/authenticate';
import { authFromConfig } from './auth/from-config';
import { devTokensEnabled, signInLinkRefusals, type Config } from './config/config';
import { installErrorHandling } from './http/error-handler';
import { refuseNonFiniteNumbers } from './http/finite-numbers';
import { installLoadShedding } from './http/load-shedding';
import { installRateLimits } from './http/rate-limits';
import { REDACTED, requestForLog } from './http/request-log';
import { installSecurityHeaders } from './http/security-headers';
import { allowBlockRoutes } from './routes/allow-block-entries';
import { createRspamdClient } from './integrations/rspamd';
import { analysisRoutes } from './routes/analysis';
import { AnalysisService } from './services/analysis-service';
import { auditRoutes } from './routes/audit';
import { AuditService } from './services/audit-service';
import { decisionRoutes } from './routes/decisions';
import { exportRoutes } from './routes/exports';
import { healthRoutes } from './routes/health';
import { identityRoutes } from './routes/identity';
import { openApiRoutes } from './routes/openapi';
import { pageRoutes } from './routes/pages';
import { submissionRoutes } from './routes/submissions';
import { userListRoutes } from './routes/user-lists';
import { mailQueueRoutes } from './routes/mail-queue';
import { deliveryFor } from './mail/delivery-for';
import { MailQueueService } from './services/mail-queue-service';
import { MailSenderService } from './services/mail-sender-service';
import { AllowBlockService } from './services/allow-block-service';
import { ListExportsService } from './services/list-exports-service';
import { ListHealthService } from './services/list-health-service';
import { DecisionsService } from './services/decisions-service';
import { RetentionService } from './services/retention-service';
import { UserListsService } from './services/user-lists-service';
import { HealthService } from './services/health-service';
import { IdentityService } from './services/identity-service';
import { fileManifest } from './services/manifest-file';
import { SubmissionsService } from './services/submissions-service';
import { NoticeTemplatesService } from './services/notice-templates-service';
import { QuarantinePoliciesService } from './services/quarantine-policies-service';
import { ReviewService } from './services/review-service';
import { SettingsService } from './services/settings-service';
import { reviewRoutes } from './routes/review';
import { clusterRoutes } from './routes/clusters';
import { ClusterReviews } from './services/cluster-reviews';
import { ClusterService } from './services/cluster-service';
import { ClusteringService } from './services/clustering-service';
import { FingerprintThread } from './mail/fingerprint-thread';
import { ClusterIndexRepo } from './store/cluster-index-repo';
import { overviewRoutes } from './routes/overview';
import { portalRoutes } from './routes/portal';
import { PortalSignInService } from './services/portal-sign-in-service';
import { OverviewService } from './services/overview-service';
import { settingsRoutes } from './routes/settings';
import { quarantinePolicyRoutes } from './routes/quarantine-policies';
import { quarantineIntakeRoutes } from './routes/quarantine-intake';
import { quarantineRoutes } from './routes/quarantine';
import { messagePreviewRoutes } from './routes/message-previews';
import { MessagePreviewService } from './services/message-preview-service';
import { QuarantineService } from './services/quarantine-service';
import { QuarantineBulkService } from './services/quarantine-bulk-service';
import { quarantineBulkRoutes } from './routes/quarantine-bulk';
import { QuarantineIntakeService } from './services/quarantine-intake-service';
import { QuarantineSmtpIntake } from './services/quarantine-smtp-intake';
import { QuarantineIntakeWriter } from './store/quarantine-intake-writer';
import { DEFAULT_POLICY } from '../core/lists';
import { BlobReader } from './store/blob-store';
import { migrateToLatest, openDatabase, sqliteFileOf, type Db } from './store/database';
import { SqliteReader } from './store/sqlite-reader';
import { SqliteWriter } from './store/sqlite-writer';
import { SubmissionsRepo } from './store/submissions-repo';
import { Store } from './store/unit-of-work';
import { VERSION } from './version';

declare module 'fastify' {
  interface FastifyInstance {
    /** Services that jobs started by main.ts and the CLI run (expiry sweep, retention purge). */
    services: { entries: AllowBlockService; retention: RetentionService; signIn: PortalSignInService };
    /** Clusters reports in the background; tests and benches await `idle()`. */
    clustering: ClusteringService;
    /** The outgoing mail queue's sender: main.ts runs it; tests call runOnce() themselves. */
    mailSender: MailSenderService;
    /** Quarantine intake (the CLI's import uses it), and its SMTP listener: main.ts starts it; undefined when off. */
    quarantine: { intake: QuarantineIntakeService; smtp: QuarantineSmtpIntake | undefined };
    /** Bulk release jobs and release + submit + allow: main.ts runs the job loop; tests call runOnce() themselves. */
    quarantineBulk: QuarantineBulkService;
  }
}

export interface AppOverrides {
  /** A fixed clock for tests; the system clock otherwise. */
  clock?: Clock;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: NodeJS.WritableStream;
}

export const systemClock: Clock = { now: () => new Date() };

/** The origin written into the served manifest: Outlook only loads add-ins over HTTPS. */
export function manifestOrigin(config: Config): string {
  return config.publicUrl.startsWith('https://') ? config.publicUrl : `https://localhost:${config.port}`;
}

export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<FastifyInstance> {
  const clock = overrides.clock ?? systemClock;
  const app = Fastify({
    logger:
      config.logLevel === false
        ? false
        : {
            level: config.logLevel,
            serializers: { req: requestForLog },
            // Belt and braces: the serializer never logs headers, and nothing else may either.
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie'], censor: REDACTED },
            ...(overrides.logStream ? { stream: overrides.logStream } : {}),
          },
    // Only the configured reverse proxies are believed about the client's address (rate limits
    // per address); identity never rests on it.
    trustProxy: config.protection.trustProxy.length > 0 ? config.protection.trustProxy : false,
    // Fastify strips unknown properties by default; we refuse them, so a misspelt field is a
    // clear 400 instead of silently ignored input.
    // `date-time` is checked by the one parse every instant goes through: JSON Schema's own
    // format admits leap seconds and other values that JavaScript time cannot hold.
    ajv: { customOptions: { removeAdditional: false }, onCreate: (ajv) => void ajv.addFormat('date-time', { type: 'string', validate: isInstant }) },
    ...(config.tls ? { https: { cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) } } : {}),
  }) as unknown as FastifyInstance; // typed on https.Server when TLS is on; no route cares which

  const db = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  app.addHook('onClose', async () => db.destroy());
  try {
    await migrateToLatest(db);
    await assemble(app, config, clock, db);
    await app.ready();
  } catch (error) {
    await app.close(); // closes the database too: a failed start leaves nothing open
    throw error;
  }
  return app;
}

async function assemble(app: FastifyInstance, config: Config, clock: Clock, db: Db): Promise<void> {
  const { verify, embedded } = await authFromConfig(config, () => clock.now());

  installErrorHandling(app);
  refuseNonFiniteNumbers(app);
  // Order matters: shed load before anything else, then know who is asking, then count them.
  await installLoadShedding(app, config.protection.pressure);
  installAuthentication(app, verify);
  await installRateLimits(app, config.protection.rateLimit);
  await installSecurityHeaders(app, {
    addinFrameAncestors: config.addinFrameAncestors,
    portalConnectSources: config.auth.kind === 'oidc' ? [new URL(config.auth.issuer.replace('{tenantid}', 'common')).origin] : [],
    https: config.publicUrl.startsWith('https://'),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Second Look triage API', version: VERSION, description: 'Reports, verdicts, lists and releases for blocked mail.' },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });

  // Created after the migrations ran, so the threads' connections see the full schema.
  const sqliteFile = sqliteFileOf(config);
  const writer = sqliteFile ? new SqliteWriter(sqliteFile) : undefined;
  if (writer) app.addHook('onClose', async () => writer.close());
  const reader = sqliteFile ? new SqliteReader(sqliteFile) : undefined;
  if (reader) app.addHook('onClose', async () => reader.close());
  // Messages live in the database; servers before migration 004 left them as files here.
  const blobs = new BlobReader(db, path.join(config.dataDir, 'messages'), reader);
  const submissionsRepo = new SubmissionsRepo(db, writer);
  const submissions = new SubmissionsService({
    repo: submissionsRepo,
    blobs,
    clock,
    maxMessageBytes: config.maxMessageBytes,
    submissionsPerDay: config.protection.submissionsPerDay,
    // Each new report is clustered in the background (clustering is created with the review below).
    afterCreate: (row) => clustering.reportCreated(row),
  });
  const identity = new IdentityService({ auth: config.auth, embedded, devTokens: devTokensEnabled(config), publicUrl: config.publicUrl, clock });
  const store = new Store(db);
  const health = new HealthService(store, config.databaseUrl ? 'postgresql' : 'sqlite', VERSION);

  // Settings an admin saves in the portal (the environment's values are the defaults).
  const settings = new SettingsService({
    store,
    clock,
    defaults: {
      noticeSender: config.noticeSender,
      acceptedDomains: config.acceptedDomains,
      bulkThreshold: config.bulkThreshold,
      actions: { spam: DEFAULT_POLICY.actions.spam, highConfidenceSpam: DEFAULT_POLICY.actions.highConfidenceSpam, phishing: DEFAULT_POLICY.actions.phishing, bulk: DEFAULT_POLICY.actions.bulk, spoof: DEFAULT_POLICY.actions.spoof },
    },
  });
  const userLists = new UserListsService({ store, clock, policy: settings, limit: config.userListLimit });
  const entries = new AllowBlockService({ store, clock, policy: settings, limits: config.tenantLimits });
  const listHealth = new ListHealthService({ store, clock, policy: settings, userListLimit: config.userListLimit });
  const decisions = new DecisionsService({ store, clock, policy: settings });
  const retention = new RetentionService({ store, blobs, clock, submissionDays: config.protection.retention.submissionDays, quarantineDays: config.quarantine.retentionDays /* quarantine purge */ });
  const signIn = new PortalSignInService({
    store,
    clock,
    publicUrl: config.publicUrl,
    embedded,
    linkRefusals: signInLinkRefusals(config),
    oidc: config.auth.kind === 'oidc' ? { authority: config.auth.issuer, clientId: config.portal.clientId, scope: config.portal.scope } : undefined,
  });
  app.decorate('services', { entries, retention, signIn });

  await app.register(healthRoutes, { health });
  await app.register(identityRoutes, { identity, devTokens: devTokensEnabled(config) });
  await app.register(submissionRoutes, { submissions, maxMessageBytes: config.maxMessageBytes });
  await app.register(userListRoutes, { userLists });
  await app.register(allowBlockRoutes, { entries, health: listHealth });
  await app.register(decisionRoutes, { decisions });
  await app.register(exportRoutes, { listExports: new ListExportsService({ store, clock }), mapsToken: config.mapsToken });
  const analysis = new AnalysisService({
    repo: submissionsRepo,
    blobs,
    decisions,
    clock,
    policy: settings,
    maxMessageBytes: config.maxMessageBytes,
    trust: config.trust,
    ...(config.rspamd
      ? { rspamd: createRspamdClient({ url: config.rspamd.url, timeoutMs: config.rspamd.timeoutMs, ...(config.rspamd.password ? { password: config.rspamd.password } : {}) }) }
      : {}),
  });
  await app.register(analysisRoutes, { analysis, maxMessageBytes: config.maxMessageBytes });
  await app.register(auditRoutes, { audit: new AuditService(store) });
  // The outgoing mail queue: its API here; its sender leaves only when main.ts (or a test) runs it.
  const { delivery: mailDeliveryConfig, leaseSeconds, maxAttempts, retrySeconds, concurrency } = config.mail;
  const mailDelivery = deliveryFor(mailDeliveryConfig);
  app.decorate('mailSender', new MailSenderService({ store, clock, delivery: mailDelivery, leaseSeconds, maxAttempts, retrySeconds, concurrency, blobs /* quarantine releases */ }));
  // Registered before the database's hooks run (onClose runs in reverse): the relay's kept connections end with QUIT.
  app.addHook('onClose', async () => mailDelivery.close?.());
  await app.register(mailQueueRoutes, { mailQueue: new MailQueueService({ store, clock }) });

  // The review of user reports, and its notices.
  const templates = new NoticeTemplatesService({ store, clock, policy: settings, reportById: (id) => submissionsRepo.byId(id), publicUrl: config.publicUrl });
  const clusterReviews = new ClusterReviews();
  const review = new ReviewService({ store, clock, templates, policy: settings, afterReview: clusterReviews.afterReview });
  await app.register(settingsRoutes, { settings, templates });
  await app.register(reviewRoutes, { review });

  // Clusters of similar reports: assigned in the background as reports arrive (and, at start,
  // every report still in none), their text read and hashed on a thread of their own.
  const fingerprints = new FingerprintThread();
  const clustering = new ClusteringService({
    index: new ClusterIndexRepo(db, writer),
    blobs,
    fingerprint: (messages) => fingerprints.fingerprint(messages),
    clock,
    trust: config.trust,
    review,
    reviews: clusterReviews,
    logError: (error, message) => app.log.error({ err: error }, message),
  });
  app.addHook('onClose', async () => {
    await clustering.stop();
    await fingerprints.close();
  });
  await app.register(clusterRoutes, { clusters: new ClusterService({ store, clock, review, reviews: clusterReviews }) });
  app.decorate('clustering', clustering);
  clustering.start();

  // The quarantine's intake (SMTP listener, POST /api/quarantine, `second-look import`).
  const logError = (error: unknown, message: string) => app.log.error({ err: error }, message);
  // Quarantine policies: the built-in four and the organisation's own, and each reason's (Settings; the environment's mapping until saved).
  const quarantinePolicies = new QuarantinePoliciesService({ store, clock, defaults: config.quarantine.policies, logError });
  await app.register(quarantinePolicyRoutes, { policies: quarantinePolicies });
  const quarantineIntake = new QuarantineIntakeService({
    store,
    writer: new QuarantineIntakeWriter(db, writer),
    clock,
    policy: settings,
    maxMessageBytes: config.maxMessageBytes,
    trust: config.trust,
    retentionDays: config.quarantine.retentionDays,
    reasonPolicies: async () => (await quarantinePolicies.current()).reasonPolicies,
    fingerprint: (messages) => fingerprints.fingerprint(messages),
    logError,
  });
  const smtp = config.quarantine.smtp;
  const quarantineSmtp = smtp === undefined ? undefined : new QuarantineSmtpIntake(quarantineIntake, { ...smtp, tls: config.tls }, logError);
  if (quarantineSmtp) app.addHook('onClose', async () => quarantineSmtp.close());
  app.decorate('quarantine', { intake: quarantineIntake, smtp: quarantineSmtp });
  await app.register(quarantineIntakeRoutes, { intake: quarantineIntake });
  // What users and admins do with quarantined messages (release through the mail queue).
  const quarantineService = new QuarantineService({ store, clock, blobs, policy: settings, userLists, submissions, publicUrl: config.publicUrl, templates: (notice, locale) => templates.template(notice, locale), policiesInForce: async () => (await quarantinePolicies.current()).byName });
  await app.register(quarantineRoutes, { quarantine: quarantineService });
  // Safe previews of quarantined and reported messages (their bodies read with mailparser).
  await app.register(messagePreviewRoutes, { previews: new MessagePreviewService({ quarantine: quarantineService, submissions }) });
  // Bulk release (a background job main.ts runs), release + submit + allow, submit for analysis.
  const quarantineBulk = new QuarantineBulkService({ store, clock, blobs, policy: settings, trust: config.trust, analysis, entries });
  app.decorate('quarantineBulk', quarantineBulk);
  await app.register(quarantineBulkRoutes, { bulk: quarantineBulk });
  await app.register(overviewRoutes, { overview: new OverviewService({ store, clock }) });
  await app.register(portalRoutes, { signIn });
  await app.register(openApiRoutes);
  await app.register(pageRoutes, {
    webRoot: config.webRoot,
    assetsRoot: config.assetsRoot,
    manifest: fileManifest(config.manifestFile, manifestOrigin(config)),
  });
}
