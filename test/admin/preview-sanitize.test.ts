/** @jest-environment jsdom */
/**
 * The safe preview's sanitiser on its own (DOMPurify in jsdom): what survives of hostile HTML,
 * remote images held back and counted, inline cid: images kept, plain text escaped. The same
 * corpus runs in real Chromium in test/e2e/portal-preview.test.ts.
 */
import { plainTextPreview, policyFor, sanitizeHtml } from '../../src/web/preview/sanitize';
import { HOSTILE_HTML } from '../e2e/support/portal-hostile';

describe('sanitizeHtml', () => {
  test('hostile HTML keeps its text and loses every active or remote part', () => {
    const { document, blockedImages } = sanitizeHtml(HOSTILE_HTML, { allowRemoteImages: false });
    expect(document).toContain('Dear customer, your invoice is attached.');
    expect(document).toContain('Kind regards, Accounts');
    // The mail's own styles follow the preview's base styles in the head.
    const body = document.slice(document.indexOf('</style>') + '</style>'.length);
    expect(body).not.toMatch(/<script|<iframe|<object|<embed|<form|<input|<button|<svg|<math|<video|<audio|<link|<base|<meta/i);
    expect(body).not.toMatch(/\son[a-z]+\s*=/i);
    expect(body).not.toMatch(/javascript:|expression\(|@import|behaviou?r:/i);
    expect(body).not.toMatch(/\s(src|href|action|background|poster|srcset|formaction)="(https?:)?\/\//i);
    expect(body).not.toContain('url(https://');
    expect(body).toContain('data-blocked-src="https://tracker.example/pixel.gif"');
    expect(blockedImages).toBeGreaterThanOrEqual(3);
  });

  test('links keep their text and show their address, but cannot be followed', () => {
    const { document } = sanitizeHtml('<a href="https://portal.example/invoices/1" target="_blank">Open</a>', { allowRemoteImages: false });
    expect(document).toContain('title="https://portal.example/invoices/1"');
    expect(document).not.toMatch(/href=|target=/);
  });

  test('remote images load only when asked for, and the policy says so', () => {
    const html = '<img src="https://cdn.example/logo.png"><div style="background:url(\'https://cdn.example/bg.png\')">x</div>';
    const blocked = sanitizeHtml(html, { allowRemoteImages: false });
    expect(blocked.blockedImages).toBe(2);
    expect(blocked.document).toContain(policyFor(false));
    expect(blocked.document).not.toContain(' src="https://cdn.example/logo.png"');
    const allowed = sanitizeHtml(html, { allowRemoteImages: true });
    expect(allowed.blockedImages).toBe(0);
    expect(allowed.document).toContain(' src="https://cdn.example/logo.png"');
    expect(allowed.document).toContain("img-src data: https: http:");
    expect(policyFor(true)).toContain("default-src 'none'");
  });

  test("the mail's own <style> survives, cleaned", () => {
    const { document } = sanitizeHtml('<html><head><style>.a{color:red} body{background:url(https://t.example/b.png)}</style></head><body><p class="a">Hi</p></body></html>', { allowRemoteImages: false });
    expect(document).toContain('.a{color:red}');
    expect(document).not.toContain('https://t.example');
    expect(document).toContain('<p class="a">Hi</p>');
  });

  test('cid: images come from the message itself', () => {
    const inline = new Map([['logo@x', 'data:image/png;base64,iVBORw0KGgo=']]);
    const { document } = sanitizeHtml('<img src="cid:logo@x"><img src="cid:missing@x">', { allowRemoteImages: false, inline });
    expect(document).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(document).not.toContain('cid:');
  });

  test('plain text is escaped, never parsed', () => {
    const { document } = plainTextPreview('<script>alert(1)</script> & "quotes"');
    expect(document).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
  });
});
