/**
 * The add-in manifest as the server serves it.
 *
 * There is one manifest.xml in the repository and every URL in it is on the development origin
 * (https://localhost:3000), as the yo office template does. Instead of a second, hand-kept
 * production manifest (which drifts: see the spam-reporting sample), the server rewrites that
 * origin to its public URL when it serves the file, so the same manifest works for a developer
 * sideloading from localhost and for an admin deploying from https://mail-triage.example.com.
 *
 * Pure: no I/O. The caller reads manifest.xml and passes the configured public URL.
 */

/** The origin manifest.xml is written against; `renderManifest` replaces it. */
export const MANIFEST_DEV_ORIGIN = 'https://localhost:3000';

/** Thrown when the configured public URL cannot be used in a manifest. */
export class InvalidPublicUrlError extends Error {
  override readonly name = 'InvalidPublicUrlError';
}

/**
 * Every occurrence of the dev origin that is a whole origin: followed by a path, the end of an
 * attribute or element, or the end of the text. `https://localhost:30001` and
 * `https://localhost:3000.example.com` are different origins and stay untouched.
 */
const DEV_ORIGIN_PATTERN = new RegExp(`${escapeRegExp(MANIFEST_DEV_ORIGIN)}(?=[/"'<?#\\s]|$)`, 'g');

/**
 * Returns `xml` with every `https://localhost:3000` URL moved to `publicUrl`'s origin.
 *
 * `publicUrl` must be an https origin (a trailing slash is accepted and dropped). Office only
 * loads add-in pages over HTTPS, and the manifest's paths (/addin/..., /assets/...) are absolute
 * on the origin, so a path, query, fragment or credentials are rejected rather than silently lost.
 * The origin is normalised by the WHATWG URL parser (lower-case host, IDN to punycode, default
 * port dropped) and XML-escaped, because a host may legally contain `&` or quotes.
 */
export function renderManifest(xml: string, publicUrl: string): string {
  const origin = escapeXml(parsePublicOrigin(publicUrl));
  return xml.replace(DEV_ORIGIN_PATTERN, () => origin);
}

function parsePublicOrigin(publicUrl: string): string {
  const hint = 'expected an https origin such as https://mail-triage.example.com';
  let url: URL;
  try {
    url = new URL(publicUrl.trim());
  } catch {
    throw new InvalidPublicUrlError(`Public URL ${JSON.stringify(publicUrl)} is not a URL: ${hint}`);
  }
  if (url.protocol !== 'https:') {
    throw new InvalidPublicUrlError(
      `Public URL ${JSON.stringify(publicUrl)} uses ${url.protocol.replace(/:$/, '')}: Outlook loads add-ins only over https (${hint})`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidPublicUrlError(`Public URL ${JSON.stringify(publicUrl)} must not contain credentials: ${hint}`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new InvalidPublicUrlError(
      `Public URL ${JSON.stringify(publicUrl)} has a path, query or fragment; the add-in is served from the root of the origin: ${hint}`,
    );
  }
  return url.origin;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
