/** renderManifest: the one manifest, moved from the dev origin to the server's public URL. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { InvalidPublicUrlError, MANIFEST_DEV_ORIGIN, renderManifest } from '../../src/server/services/manifest-service';
import { attr, findAll, parseXmlTree } from './manifest-tree';

const manifest = readFileSync(path.resolve(__dirname, '../../manifest.xml'), 'utf8');

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

function taskpaneUrl(xml: string): string {
  const url = findAll(parseXmlTree(xml), 'bt:Url').find((node) => attr(node, 'id') === 'Taskpane.Url');
  if (url === undefined) throw new Error('no Taskpane.Url');
  return attr(url, 'DefaultValue');
}

describe('renderManifest', () => {
  test('rewrites every dev-origin URL in the real manifest and keeps it well-formed', () => {
    const occurrences = count(manifest, MANIFEST_DEV_ORIGIN);
    expect(occurrences).toBeGreaterThan(20);

    const rendered = renderManifest(manifest, 'https://mail-triage.example.com');

    expect(rendered).not.toContain(MANIFEST_DEV_ORIGIN);
    expect(count(rendered, 'https://mail-triage.example.com/')).toBe(occurrences);
    expect(XMLValidator.validate(rendered)).toBe(true);
    expect(taskpaneUrl(rendered)).toBe('https://mail-triage.example.com/addin/taskpane.html');
  });

  test('changes nothing but the origin', () => {
    const rendered = renderManifest(manifest, 'https://mail-triage.example.com');
    expect(rendered.split('https://mail-triage.example.com').join(MANIFEST_DEV_ORIGIN)).toBe(manifest);
  });

  test('drops a trailing slash and normalises the origin the way browsers do', () => {
    expect(taskpaneUrl(renderManifest(manifest, 'https://mail-triage.example.com/'))).toBe(
      'https://mail-triage.example.com/addin/taskpane.html',
    );
    expect(taskpaneUrl(renderManifest(manifest, 'https://Mail-Triage.EXAMPLE.com:443'))).toBe(
      'https://mail-triage.example.com/addin/taskpane.html',
    );
    expect(taskpaneUrl(renderManifest(manifest, 'https://triage.example.com:8443'))).toBe(
      'https://triage.example.com:8443/addin/taskpane.html',
    );
    expect(taskpaneUrl(renderManifest(manifest, 'https://münchen.example'))).toBe(
      'https://xn--mnchen-3ya.example/addin/taskpane.html',
    );
  });

  test('leaves the dev manifest as it is when the public URL is the dev origin', () => {
    expect(renderManifest(manifest, MANIFEST_DEV_ORIGIN)).toBe(manifest);
  });

  test('rewrites only whole origins, not look-alikes', () => {
    const xml = [
      '<a href="https://localhost:3000/x"/>',
      '<b href="https://localhost:30001/x"/>',
      '<c href="https://localhost:3000.evil.example/x"/>',
      '<d>https://localhost:3000</d>',
      "<e href='https://localhost:3000'/>",
    ].join('');
    expect(renderManifest(xml, 'https://prod.example')).toBe(
      [
        '<a href="https://prod.example/x"/>',
        '<b href="https://localhost:30001/x"/>',
        '<c href="https://localhost:3000.evil.example/x"/>',
        '<d>https://prod.example</d>',
        "<e href='https://prod.example'/>",
      ].join(''),
    );
  });

  test('XML-escapes the origin, because a host may legally contain & and quotes', () => {
    const rendered = renderManifest(manifest, 'https://a&b".example');
    expect(rendered).toContain('https://a&amp;b&quot;.example/addin/taskpane.html');
    expect(XMLValidator.validate(rendered)).toBe(true);
    expect(taskpaneUrl(rendered)).toBe('https://a&b".example/addin/taskpane.html');
  });

  test.each([
    ['http://mail-triage.example.com', /https/],
    ['ftp://mail-triage.example.com', /https/],
    ['not a url', /not a URL/],
    ['', /not a URL/],
    ['https://', /not a URL/],
    ['mail-triage.example.com', /not a URL/],
    ['https://mail-triage.example.com/second-look', /path, query or fragment/],
    ['https://mail-triage.example.com/?x=1', /path, query or fragment/],
    ['https://mail-triage.example.com/#top', /path, query or fragment/],
    ['https://admin:secret@mail-triage.example.com', /credentials/],
  ])('rejects %j with a clear error', (publicUrl, message) => {
    expect(() => renderManifest(manifest, publicUrl)).toThrow(InvalidPublicUrlError);
    expect(() => renderManifest(manifest, publicUrl)).toThrow(message);
  });

  test('the error names the bad value and shows what is expected', () => {
    expect(() => renderManifest(manifest, 'http://triage.example')).toThrow(
      /"http:\/\/triage\.example".*https origin such as https:\/\//,
    );
  });

  test('for any https host, no dev URL survives and every URL moves to that host', () => {
    fc.assert(
      fc.property(fc.domain(), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), (domain, port) => {
        const publicUrl = `https://${domain}${port === undefined ? '' : `:${port}`}`;
        const origin = new URL(publicUrl).origin;
        const rendered = renderManifest(manifest, publicUrl);
        expect(rendered).not.toContain(MANIFEST_DEV_ORIGIN);
        expect(count(rendered, `${origin}/`)).toBeGreaterThanOrEqual(count(manifest, `${MANIFEST_DEV_ORIGIN}/`));
        expect(taskpaneUrl(rendered)).toBe(`${origin}/addin/taskpane.html`);
      }),
      { numRuns: 50, seed: 20240602 },
    );
  });
});
