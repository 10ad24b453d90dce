/**
 * Security headers on every answer: the add-in's pages may be framed by Outlook's hosts and
 * nothing else, the portal and the API by nobody; no page may run inline script; no-sniff
 * everywhere. Checked on the built pages themselves when there is a build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../helpers/server';

const WEB_ROOT = path.join(__dirname, '../../build/web');

function directives(policy: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', fs.existsSync(WEB_ROOT) ? { SECOND_LOOK_WEB_ROOT: WEB_ROOT } : {});
  });
  afterAll(async () => server.close());

  const get = (url: string) => server.app.inject({ method: 'GET', url });

  test.each(['/addin/taskpane.html', '/addin/commands.html', '/addin/help.html'])('%s may be framed by Outlook only, and runs no inline script', async (url) => {
    const response = await get(url);
    const csp = directives(response.headers['content-security-policy'] as string);
    expect(csp.get('frame-ancestors')).toEqual(expect.arrayContaining(["'self'", 'https://outlook.office.com', 'https://outlook.office365.com', 'https://outlook.live.com']));
    expect(csp.get('frame-ancestors')).not.toContain('*');
    expect(csp.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    // HTTPS images for the quarantine preview's "Load remote images" (its frame inherits this policy); never http:.
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'https:']);
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  // Deep links and the sign-in redirect are the portal's page too, with the same headers.
  test.each(['/admin/', '/admin/index.html', '/admin/submissions/3f06eab4-aca7', '/admin/clusters', '/admin/audit', '/admin/sign-in'])('the portal page %s may not be framed and runs no inline script', async (url) => {
    const response = await get(url);
    if (fs.existsSync(WEB_ROOT)) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
    }
    const csp = directives(response.headers['content-security-policy'] as string);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    // HTTPS images for the preview's "Load remote images" (its frame inherits this policy); never http:.
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'https:']);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  test.each(['/healthz', '/api/openapi.json', '/api/nothing-here'])('API answer %s loads nothing and may not be framed', async (url) => {
    const response = await get(url);
    const csp = directives(response.headers['content-security-policy'] as string);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  test('no policy allows inline or evaluated script', async () => {
    for (const url of ['/addin/taskpane.html', '/admin/', '/healthz']) {
      const policy = String((await get(url)).headers['content-security-policy']);
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    }
  });

  test('the built pages carry no inline script the policy would block', () => {
    if (!fs.existsSync(WEB_ROOT)) return;
    for (const page of ['addin/taskpane.html', 'addin/commands.html', 'addin/help.html', 'admin/index.html']) {
      const html = fs.readFileSync(path.join(WEB_ROOT, page), 'utf8');
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].filter((m) => (m[1] ?? '').trim() !== '');
      expect({ page, inline: inline.length }).toEqual({ page, inline: 0 });
      expect(html).not.toMatch(/\son[a-z]+=/i);
    }
  });
});

describe('security headers over HTTPS', () => {
  test('HSTS is sent when the public URL is https', async () => {
    const server = await startTestServer('sqlite', { SECOND_LOOK_PUBLIC_URL: 'https://triage.contoso.example' });
    try {
      const response = await server.app.inject({ method: 'GET', url: '/healthz' });
      expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    } finally {
      await server.close();
    }
  });
});
