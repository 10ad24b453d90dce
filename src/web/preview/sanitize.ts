/**
 * Turns a message's HTML (a report, or a quarantined message) into a document that can do nothing: DOMPurify keeps only
 * HTML (no SVG or MathML), drops scripts, event handlers, forms, frames, meta refreshes and
 * every javascript: URL; links lose their targets (their address stays readable as a
 * tooltip); remote images and CSS url()s are held back until the reader asks for them.
 *
 * The result is one layer of three: the preview also sits in an iframe sandboxed without
 * allow-scripts (or anything else), and the document carries a Content-Security-Policy that
 * forbids scripts and every remote load but the images the reader allowed. Shared by the portal and the add-in (src/web).
 */
import DOMPurify from 'dompurify';

export interface SanitizedPreview {
  /** The whole srcdoc: CSP meta, base styles, and the sanitised body. */
  document: string;
  /** How many remote images (and CSS backgrounds) were held back. */
  blockedImages: number;
}

const FORBID_TAGS = [
  'script', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'link', 'meta',
  'form', 'input', 'button', 'select', 'option', 'textarea', 'datalist', 'output', 'fieldset', 'keygen',
  'audio', 'video', 'source', 'track', 'picture', 'portal', 'template', 'slot', 'dialog', 'marquee',
];
const FORBID_ATTR = ['srcset', 'action', 'formaction', 'ping', 'background', 'poster', 'xlink:href', 'dynsrc', 'lowsrc', 'target', 'download', 'autofocus'];

const REMOTE = /^\s*(https?:)?\/\//i;
const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)/gi;
/** Old-IE CSS that runs script, and imports that load more CSS. */
const CSS_DANGER = /expression\s*\(|javascript\s*:|behaviou?r\s*:|-moz-binding|@import/gi;

function cleanCss(css: string, allowRemote: boolean, inline: ReadonlyMap<string, string>, count: () => void): string {
  return css.replace(CSS_DANGER, '/* removed */').replace(CSS_URL, (whole, _q: string, url: string) => {
    if (/^data:image\//i.test(url)) return whole;
    if (/^cid:/i.test(url)) {
      const data = inline.get(url.slice(4));
      return data ? `url("${data}")` : 'none';
    }
    if (REMOTE.test(url)) {
      if (allowRemote) return `url("${url.replace(/["\\\n\r]/g, '')}")`;
      count();
      return 'none';
    }
    return 'none';
  });
}

export function policyFor(allowRemoteImages: boolean): string {
  const images = allowRemoteImages ? 'data: https: http:' : 'data:';
  return `default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'`;
}

const BASE_CSS =
  "html{color-scheme:light}body{margin:16px;font:14px/1.5 'Segoe UI',system-ui,sans-serif;color:#242424;background:#fff;word-wrap:break-word}img{max-width:100%;height:auto}pre{white-space:pre-wrap;font:13px/1.5 Consolas,'Courier New',monospace}a{color:#0f6cbd;text-decoration:underline;cursor:default}img[data-blocked-src]{display:inline-block;min-width:16px;min-height:16px;outline:1px dashed #bdbdbd}";

function wrap(body: string, allowRemoteImages: boolean, styles = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policyFor(allowRemoteImages)}"><meta name="referrer" content="no-referrer"><style>${BASE_CSS}</style>${styles}</head><body>${body}</body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function plainTextPreview(text: string): SanitizedPreview {
  return { document: wrap(`<pre>${escapeHtml(text)}</pre>`, false), blockedImages: 0 };
}

export function sanitizeHtml(html: string, options: { allowRemoteImages: boolean; inline?: ReadonlyMap<string, string> }): SanitizedPreview {
  const inline = options.inline ?? new Map<string, string>();
  let blocked = 0;
  const count = () => {
    blocked++;
  };
  const purify = DOMPurify();
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && node.textContent) node.textContent = cleanCss(node.textContent, options.allowRemoteImages, inline, count);
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    if (element.hasAttribute('style')) element.setAttribute('style', cleanCss(element.getAttribute('style') ?? '', options.allowRemoteImages, inline, count));
    if (element.tagName === 'A' || element.tagName === 'AREA') {
      const href = element.getAttribute('href');
      element.removeAttribute('href');
      if (href && !element.hasAttribute('title')) element.setAttribute('title', href);
    }
    if (element.tagName === 'IMG') {
      const src = element.getAttribute('src') ?? '';
      if (/^cid:/i.test(src)) {
        const data = inline.get(src.slice(4));
        if (data) element.setAttribute('src', data);
        else element.removeAttribute('src');
      } else if (REMOTE.test(src)) {
        if (!options.allowRemoteImages) {
          element.removeAttribute('src');
          element.setAttribute('data-blocked-src', src);
          count();
        } else if (src.startsWith('//')) {
          element.setAttribute('src', `https:${src}`);
        }
      } else if (!/^data:image\/(png|gif|jpe?g|webp|bmp);/i.test(src)) {
        element.removeAttribute('src');
      }
    }
  });
  // The whole document, so the <style> in its head (where mail keeps its layout) survives too.
  const root = purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ['data-blocked-src'],
    WHOLE_DOCUMENT: true,
    RETURN_DOM: true,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    SANITIZE_DOM: true,
  });
  const styles = [...root.querySelectorAll('head style')].map((style) => style.outerHTML).join('');
  const body = root.querySelector('body')?.innerHTML ?? '';
  return { document: wrap(body, options.allowRemoteImages, styles), blockedImages: blocked };
}
