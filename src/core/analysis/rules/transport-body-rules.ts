/** The Received chain (delays) and, when the full message was given, the body. */
import type { Rule } from './rule-types';
import { NO_MATCH } from './rule-types';

/** An hour between two hops is more than any healthy relay needs. */
const LONG_DELAY_SECONDS = 3600;
const MAX_LISTED = 3;
/** Types that mail filters commonly block by extension (executables, scripts, disk images, macro documents). */
const RISKY_EXTENSIONS: ReadonlySet<string> = new Set([
  'ace', 'ani', 'apk', 'app', 'arj', 'bat', 'cab', 'chm', 'cmd', 'com', 'cpl', 'dll', 'docm', 'exe', 'hta',
  'htm', 'html', 'img', 'iso', 'jar', 'js', 'jse', 'lnk', 'msi', 'msix', 'msp', 'one', 'pif', 'ppam', 'pptm',
  'ps1', 'reg', 'scr', 'sct', 'svg', 'vbe', 'vbs', 'vhd', 'vhdx', 'wsc', 'wsf', 'wsh', 'xlam', 'xll', 'xlsm',
]);

export const TRANSPORT_BODY_RULES: readonly Rule[] = [
  {
    code: 'RECEIVED_LONG_DELAY', severity: 'low', role: 'info', cause: null, layer: 'transport', priority: 0,
    when: (ctx) => {
      const hops = ctx.facts.received.hops;
      const out = [];
      for (let i = 1; i < hops.length && out.length < MAX_LISTED; i++) {
        const hop = hops[i];
        if (hop?.delaySeconds === undefined || hop.delaySeconds < LONG_DELAY_SECONDS) continue;
        out.push({
          evidence: { header: 'Received', value: hop.date ?? '' },
          params: {
            minutes: String(Math.round(hop.delaySeconds / 60)),
            from: hops[i - 1]?.by ?? hops[i - 1]?.from ?? '?',
            by: hop.by ?? '?',
          },
        });
      }
      return out;
    },
  },
  {
    code: 'BODY_RISKY_ATTACHMENT', needs: 'body', severity: 'medium', role: 'info', cause: null, layer: 'body', priority: 0,
    when: (ctx) => (ctx.body?.attachments ?? [])
      .filter((a) => a.filename !== undefined && RISKY_EXTENSIONS.has(extensionOf(a.filename)))
      .slice(0, MAX_LISTED)
      .map((a) => ({ evidence: { header: 'Content-Disposition', value: a.filename ?? '' } })),
  },
  {
    code: 'BODY_LINKS', needs: 'body', severity: 'info', role: 'info', cause: null, layer: 'body', priority: 0,
    when: (ctx) => {
      const body = ctx.body;
      if (body === undefined || body.linkCount === 0) return NO_MATCH;
      const shown = body.linkDomains.slice(0, 10).join(', ');
      return [{
        evidence: { header: '(body)', value: `${body.linkCount} links` },
        params: {
          count: String(body.linkCount),
          domainCount: String(body.linkDomains.length),
          domains: body.linkDomains.length > 10 ? `${shown}, …` : shown,
        },
      }];
    },
  },
];

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot === -1 ? '' : filename.slice(dot + 1).toLowerCase();
}
