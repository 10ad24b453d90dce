/**
 * Messages for the cluster tests, as they arrive at an Exchange Online mailbox: the texts in
 * test/fixtures/clusters, with the headers Exchange Online writes (its Received field from
 * outside, its Authentication-Results) and a MIME body like a mailing tool's
 * (multipart/alternative, quoted-printable text and HTML parts).
 */
import fs from 'node:fs';
import path from 'node:path';

const FIXTURES = path.join(__dirname, '../fixtures/clusters');

/** A fixture text (`newsletter-41`, `fabrikam-invoice-2026-10`, …). */
export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8');
}

export function fixtureHtml(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, `${name}.html`), 'utf8');
}

/** The same issue as another recipient gets it: their name, their address, their link tokens. */
export function personalised(text: string, name: string, address: string): string {
  return text.replace(/\bAnna\b/g, name).replace(/anna@contoso\.example/g, address).replace(/sub=8f2a91c4/g, 'sub=0c77e1a2').replace(/t=[0-9a-f]{6}/g, 't=19dd3e');
}

export type Authentication = 'dmarcPass' | 'dkimAligned' | 'none';

export interface MailOptions {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  text: string;
  html?: string;
  auth?: Authentication;
  date?: string;
}

function authenticationResults(domain: string, auth: Authentication): string {
  switch (auth) {
    case 'dmarcPass':
      return `spf=pass (sender IP is 198.51.100.25) smtp.mailfrom=bounce.${domain}; dkim=pass (signature was verified) header.d=${domain};dmarc=pass action=none header.from=${domain};compauth=pass reason=100`;
    case 'dkimAligned':
      return `spf=none (sender IP is 198.51.100.25) smtp.mailfrom=esp.example; dkim=pass (signature was verified) header.d=mail.${domain};dmarc=none action=none header.from=${domain};compauth=softpass reason=201`;
    case 'none':
      return `spf=fail (sender IP is 203.0.113.99) smtp.mailfrom=${domain}; dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=${domain};compauth=fail reason=000`;
  }
}

/** Quoted-printable (RFC 2045 §6.7), lines of at most 76 characters. */
export function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.replace(/\r?\n/g, '\n').split('\n')) {
    let encoded = '';
    for (const byte of Buffer.from(line, 'utf8')) {
      const char = String.fromCharCode(byte);
      encoded += (byte >= 33 && byte <= 126 && char !== '=') || byte === 32 ? char : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    if (encoded.endsWith(' ')) encoded = `${encoded.slice(0, -1)}=20`;
    while (encoded.length > 76) {
      let cut = 75;
      // never split an =XX escape
      const escape = encoded.lastIndexOf('=', cut);
      if (escape > cut - 3) cut = escape;
      out.push(`${encoded.slice(0, cut)}=`);
      encoded = encoded.slice(cut);
    }
    out.push(encoded);
  }
  return out.join('\r\n');
}

export function clusterMail(options: MailOptions): Buffer {
  const domain = options.from.slice(options.from.lastIndexOf('@') + 1);
  const date = options.date ?? 'Fri, 20 Nov 2026 07:02:11 +0000';
  const boundary = '=_b1f0c9e2d4a7';
  const headers = [
    `Received: from mail.${domain} (198.51.100.25) by AM4PEPF00027A6C.mail.protection.outlook.com (10.167.16.90) with Microsoft SMTP Server id 15.20.8207.13 via Frontend Transport; ${date}`,
    `Authentication-Results: ${authenticationResults(domain, options.auth ?? 'dmarcPass')}`,
    'X-Forefront-Antispam-Report: CIP:198.51.100.25;CTRY:DK;LANG:en;SCL:5;SRV:BULK;IPV:NLI;SFV:SPM;H:mail.example;CAT:BULK;DIR:INB;',
    'X-Microsoft-Antispam: BCL:7;',
    `From: ${options.from}`,
    `To: ${options.to}`,
    `Subject: ${options.subject}`,
    `Date: ${date}`,
    `Message-ID: ${options.messageId}`,
    'MIME-Version: 1.0',
  ];
  const textPart = ['Content-Type: text/plain; charset="utf-8"', 'Content-Transfer-Encoding: quoted-printable', '', quotedPrintable(options.text)];
  const body =
    options.html === undefined
      ? textPart
      : [
          `Content-Type: multipart/alternative; boundary="${boundary}"`,
          '',
          'This is a multi-part message in MIME format.',
          `--${boundary}`,
          ...textPart,
          `--${boundary}`,
          'Content-Type: text/html; charset="utf-8"',
          'Content-Transfer-Encoding: quoted-printable',
          '',
          quotedPrintable(options.html),
          `--${boundary}--`,
          '',
        ];
  return Buffer.from([...headers, ...body].join('\r\n'), 'utf8');
}

/** The header block of a message (what decodeHeaders reads). */
export function headerBlock(eml: Buffer): string {
  const text = eml.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  return end === -1 ? text : text.slice(0, end + 2);
}
