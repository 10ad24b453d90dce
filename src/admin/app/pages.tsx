/**
 * Which component draws which route. Every page is its own chunk, loaded when first opened,
 * so the first load carries only the shell; the chart library comes with the overview alone.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Route } from '../routing/routes';

export interface PageProps {
  route: Route;
}

type Page = LazyExoticComponent<ComponentType<PageProps>>;

const page = <M,>(load: () => Promise<M>, pick: (module: M) => ComponentType<PageProps>): Page => lazy(async () => ({ default: pick(await load()) }));

export const PAGES: Partial<Record<Route['name'], Page>> = {
  overview: page(() => import(/* webpackChunkName: "admin-overview" */ '../pages/overview/OverviewPage.js'), (m) => m.OverviewPage),
  submissions: page(() => import(/* webpackChunkName: "admin-submissions" */ '../pages/submissions/SubmissionsPage.js'), (m) => m.SubmissionsPage),
  submission: page(() => import(/* webpackChunkName: "admin-submission" */ '../pages/submission/SubmissionPage.js'), (m) => m.SubmissionPage),
  clusters: page(() => import(/* webpackChunkName: "admin-clusters" */ '../pages/clusters/ClustersPage.js'), (m) => m.ClustersPage),
  cluster: page(() => import(/* webpackChunkName: "admin-cluster" */ '../pages/clusters/ClusterPage.js'), (m) => m.ClusterPage),
  allowBlock: page(() => import(/* webpackChunkName: "admin-allow-block" */ '../pages/allow-block/AllowBlockPage.js'), (m) => m.AllowBlockPage),
  audit: page(() => import(/* webpackChunkName: "admin-audit" */ '../pages/audit/AuditPage.js'), (m) => m.AuditPage),
  settings: page(() => import(/* webpackChunkName: "admin-settings" */ '../pages/settings/SettingsPage.js'), (m) => m.SettingsPage),
  mailQueue: page(() => import(/* webpackChunkName: "admin-mail-queue" */ '../pages/mail-queue/MailQueuePage.js'), (m) => m.MailQueuePage),
  quarantine: page(() => import(/* webpackChunkName: "admin-quarantine" */ '../pages/quarantine/QuarantinePage.js'), (m) => m.QuarantinePage),
  quarantineItem: page(() => import(/* webpackChunkName: "admin-quarantine-item" */ '../pages/quarantine/QuarantineItemPage.js'), (m) => m.QuarantineItemPage),
};
