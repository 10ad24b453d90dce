/** /api/settings: the policy values and the notice templates an admin changes in the portal. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  NoticeTemplate,
  NoticeTemplates,
  PolicySettings,
  PolicySettingsResponse,
  RenderedNotice,
  StoredTemplate,
  TemplateParams,
  TemplatePreviewRequest,
} from '../../contracts/portal/settings';
import { principalOf } from '../auth/authenticate';
import type { NoticeTemplatesService } from '../services/notice-templates-service';
import type { SettingsService } from '../services/settings-service';
import { AUTH_ERRORS, INPUT_ERRORS, NOT_FOUND } from './responses';
import { signedIn } from './signed-in';

export interface SettingsRoutesOptions {
  settings: SettingsService;
  templates: NoticeTemplatesService;
}

export const settingsRoutes: FastifyPluginAsyncTypebox<SettingsRoutesOptions> = async (app, { settings, templates }) => {
  const tags = ['settings'];
  // Each route reads the same way (method, path, signedIn schema, handler): alike by design, not copied.

  app.get(
    '/api/settings/policy',
    signedIn(app, { tags, summary: 'The policy in force: notice sender, accepted domains, bulk threshold, actions', response: { 200: PolicySettingsResponse, ...AUTH_ERRORS } }, 'reader'),
    async (request) => settings.getPolicy(principalOf(request)),
  );

  app.put(
    '/api/settings/policy',
    signedIn(app, { tags, summary: 'Save the policy (the whole of it); audited', body: PolicySettings, response: { 200: PolicySettingsResponse, ...INPUT_ERRORS } }, 'admin'),
    async (request) => settings.putPolicy(principalOf(request), request.body),
  );

  app.get(
    '/api/settings/templates',
    signedIn(app, { tags, summary: 'The notice templates, per result and language', response: { 200: NoticeTemplates, ...AUTH_ERRORS } }, 'reader'),
    async (request) => templates.list(principalOf(request)),
  );

  app.put(
    '/api/settings/templates/:result/:locale',
    signedIn(app, { tags, summary: 'Save a notice template; audited', params: TemplateParams, body: NoticeTemplate, response: { 200: StoredTemplate, ...INPUT_ERRORS } }, 'admin'),
    async (request) => templates.put(principalOf(request), request.params.result, request.params.locale, request.body),
  );

  app.delete(
    '/api/settings/templates/:result/:locale',
    signedIn(app, { tags, summary: 'Go back to the built-in template; audited', params: TemplateParams, response: { 200: StoredTemplate, ...INPUT_ERRORS } }, 'admin'),
    async (request) => templates.reset(principalOf(request), request.params.result, request.params.locale),
  );

  app.post(
    '/api/settings/templates/preview',
    signedIn(app, {
      tags,
      summary: 'A notice exactly as the reporter would get it (a saved or an edited template, a report or an example)',
      body: TemplatePreviewRequest,
      response: { 200: RenderedNotice, ...INPUT_ERRORS, ...NOT_FOUND },
    }, 'reader'),
    async (request) => templates.preview(principalOf(request), request.body),
  );
};
