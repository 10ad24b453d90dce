/**
 * Reads the body out of a stored message (.eml bytes) for the safe preview: the HTML part (or
 * the plain text), inline images by Content-ID, and the attachments' names. A small MIME
 * reader of its own: multipart nesting, base64 and quoted-printable, the part's charset.
 * Bounded (depth, part count), and it never throws on a malformed message: it shows less.
 */

export interface MessageBody {
  html: string | null;
  text: string | null;
  /** Inline images (cid:…) as data: URLs, keyed by Content-ID without angle brackets. */
  inline: Map<string, string>;
  attachments: Array<{ filename: string; contentType: string; size: number }>;
}

interface Part {
  headers: Map<string, string>;
  body: string; // one character per byte (latin1)
}

const MAX_DEPTH = 8;
const MAX_PARTS = 200;
const MAX_INLINE_BYTES = 2 * 1024 * 1024;

/** The bytes as a string of one character per byte: boundaries and encodings are ASCII. */
export function binaryString(bytes: Uint8Array): string {
  let out = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) out += String.fromCharCode(...bytes.subarray(i, i + step));
  return out;
}

function bytesOf(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) & 0xff;
  return bytes;
}

function splitHead(raw: string): { head: string; body: string } {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { head: raw.slice(0, crlf), body: raw.slice(crlf + 4) };
  if (lf !== -1) return { head: raw.slice(0, lf), body: raw.slice(lf + 2) };
  return { head: raw, body: '' };
}

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** `text/html; charset="utf-8"` → { value: 'text/html', params: { charset: 'utf-8' } } */
export function parseParams(header: string | undefined): { value: string; params: Record<string, string> } {
  if (!header) return { value: '', params: {} };
  const [first = '', ...rest] = header.split(';');
  const params: Record<string, string> = {};
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq === -1) continue;
    const key = piece.slice(0, eq).trim().toLowerCase().replace(/\*$/, '');
    let value = piece.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    // RFC 2231 (filename*=utf-8''name): keep the part after the language tag.
    const ext = /^[\w-]+'[\w-]*'(.*)$/.exec(value);
    if (ext && ext[1] !== undefined) {
      try {
        value = decodeURIComponent(ext[1]);
      } catch {
        value = ext[1];
      }
    }
    params[key] = value;
  }
  return { value: first.trim().toLowerCase(), params };
}

function decodeTransfer(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64': {
      const clean = body.replace(/[^A-Za-z0-9+/=]/g, '');
      try {
        return atob(clean.slice(0, clean.length - (clean.length % 4)));
      } catch {
        return '';
      }
    }
    case 'quoted-printable':
      return body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    default:
      return body;
  }
}

function decodeText(binary: string, charset: string | undefined): string {
  const bytes = bytesOf(binary);
  const label = (charset || 'utf-8').toLowerCase();
  try {
    return new TextDecoder(label === 'us-ascii' ? 'utf-8' : label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  const lines = body.split(/\r?\n/);
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(current.join('\r\n'));
      if (line.startsWith(`${delimiter}--`)) return parts;
      current = [];
      if (parts.length >= MAX_PARTS) return parts;
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

export function readMessage(bytes: Uint8Array): MessageBody {
  const result: MessageBody = { html: null, text: null, inline: new Map(), attachments: [] };
  let count = 0;

  const visit = (part: Part, depth: number) => {
    if (++count > MAX_PARTS || depth > MAX_DEPTH) return;
    const type = parseParams(part.headers.get('content-type') ?? 'text/plain');
    const disposition = parseParams(part.headers.get('content-disposition'));
    const encoding = part.headers.get('content-transfer-encoding') ?? '7bit';
    if (type.value.startsWith('multipart/') && type.params['boundary']) {
      for (const raw of splitMultipart(part.body, type.params['boundary'])) {
        const { head, body } = splitHead(raw);
        visit({ headers: parseHeaders(head), body }, depth + 1);
      }
      return;
    }
    const filename = disposition.params['filename'] ?? type.params['name'];
    const isAttachment = disposition.value === 'attachment' || (filename !== undefined && !type.value.startsWith('text/'));
    const decoded = decodeTransfer(part.body, encoding);
    const cid = (part.headers.get('content-id') ?? '').replace(/^<|>$/g, '').trim();
    if (type.value.startsWith('image/') && cid && decoded.length <= MAX_INLINE_BYTES && /^image\/(png|gif|jpe?g|webp|bmp)$/.test(type.value)) {
      result.inline.set(cid, `data:${type.value};base64,${btoa(decoded)}`);
    }
    if (isAttachment) {
      result.attachments.push({ filename: filename ?? '', contentType: type.value, size: decoded.length });
      return;
    }
    if (type.value === 'text/html' && result.html === null) result.html = decodeText(decoded, type.params['charset']);
    else if (type.value === 'text/plain' && result.text === null) result.text = decodeText(decoded, type.params['charset']);
  };

  const { head, body } = splitHead(binaryString(bytes));
  visit({ headers: parseHeaders(head), body }, 0);
  return result;
}
