/** The cluster rule: whose mail a report is (from the boundary's evidence) and which cluster it joins. */
import { decodeHeaders } from '../../../src/core/analysis';
import { chooseCluster, clusterSenderOf, fingerprintText, type ClusterCandidate } from '../../../src/core/clusters';
import { clusterMail, fixtureText, headerBlock, personalised, type Authentication } from '../../helpers/cluster-mail';

function senderOf(from: string, auth: Authentication, extraHeaders = ''): ReturnType<typeof clusterSenderOf> {
  const headers = headerBlock(clusterMail({ from, to: 'anna@contoso.example', subject: 'x', messageId: '<1@x>', text: 'x', auth }));
  return clusterSenderOf(decodeHeaders(extraHeaders + headers), from);
}

describe('the cluster sender', () => {
  test('DMARC pass at our boundary: the From domain, authenticated', () => {
    expect(senderOf('news@northwind.example', 'dmarcPass')).toEqual({ domain: 'northwind.example', basis: 'dmarc', key: 'auth:northwind.example' });
  });

  test('a passing DKIM signature aligned with From (a subdomain signs): authenticated', () => {
    expect(senderOf('news@northwind.example', 'dkimAligned')).toEqual({ domain: 'northwind.example', basis: 'dkim', key: 'auth:northwind.example' });
  });

  test('nothing authenticated the sender: the From domain, and the key says so', () => {
    expect(senderOf('billing@northwind.example', 'none')).toEqual({ domain: 'northwind.example', basis: 'from', key: 'from:northwind.example' });
  });

  test('a DKIM signature of another domain is not aligned', () => {
    const facts = decodeHeaders(
      'Received: from mail.esp.example (198.51.100.25) by AM4PEPF00027A6C.mail.protection.outlook.com (10.167.16.90) with Microsoft SMTP Server; Fri, 20 Nov 2026 07:02:11 +0000\r\n' +
        'Authentication-Results: spf=pass smtp.mailfrom=esp.example; dkim=pass header.d=esp.example;dmarc=none action=none header.from=northwind.example;compauth=none reason=405\r\n' +
        'From: news@northwind.example\r\n\r\n',
    );
    expect(clusterSenderOf(facts, 'news@northwind.example').basis).toBe('from');
  });

  test('a pass written by the sender, below our boundary, is a claim and authenticates nothing', () => {
    const forged = 'Authentication-Results: mx.northwind.example; dkim=pass header.d=northwind.example; dmarc=pass header.from=northwind.example\r\n';
    const headers = headerBlock(clusterMail({ from: 'billing@northwind.example', to: 'anna@contoso.example', subject: 'x', messageId: '<1@x>', text: 'x', auth: 'none' }));
    const withClaim = headers.replace('From:', `${forged}From:`);
    expect(clusterSenderOf(decodeHeaders(withClaim), 'billing@northwind.example').key).toBe('from:northwind.example');
  });

  test('at a mailbox provider the address is the sender: strangers never share a cluster', () => {
    expect(senderOf('alice.smith@gmail.com', 'dmarcPass').key).toBe('auth:gmail.com:alice.smith@gmail.com');
    expect(senderOf('bob@gmail.com', 'dmarcPass').key).toBe('auth:gmail.com:bob@gmail.com');
  });

  test('headers without a From field: the address the reporter’s client showed stands in', () => {
    expect(clusterSenderOf(decodeHeaders('Subject: x\r\n\r\n'), 'Billing@Fabrikam.example')).toEqual({ domain: 'fabrikam.example', basis: 'from', key: 'from:fabrikam.example' });
  });
});

describe('chooseCluster', () => {
  const northwind = 'auth:northwind.example';
  const issue = (name: string) => fingerprintText(fixtureText(name));
  const cluster = (id: string, senderKey: string, text: string | undefined, sameMessage = false): ClusterCandidate => ({
    id,
    senderKey,
    fingerprint: text === undefined ? undefined : fingerprintText(text),
    sameMessage,
  });

  test('a newsletter’s next issue joins the cluster its earlier issues started', () => {
    const candidates = [cluster('orders', northwind, fixtureText('northwind-order-confirmation')), cluster('weekly', northwind, fixtureText('newsletter-41'))];
    expect(chooseCluster({ senderKey: northwind, fingerprint: issue('newsletter-43') }, candidates)).toMatchObject({ id: 'weekly', reason: 'similarText' });
  });

  test('the same Internet Message-ID always joins, whatever the text', () => {
    const candidates = [cluster('weekly', northwind, fixtureText('newsletter-41'), true)];
    expect(chooseCluster({ senderKey: northwind, fingerprint: issue('fabrikam-invoice-2026-10') }, candidates)).toEqual({ id: 'weekly', reason: 'sameMessage' });
    expect(chooseCluster({ senderKey: northwind, fingerprint: undefined }, candidates)).toEqual({ id: 'weekly', reason: 'sameMessage' });
    const bo = fingerprintText(personalised(fixtureText('newsletter-42'), 'Bo', 'bo@contoso.example'));
    expect(chooseCluster({ senderKey: northwind, fingerprint: bo }, [cluster('issue-42', northwind, fixtureText('newsletter-42'), true)])).toEqual({ id: 'issue-42', reason: 'sameMessage' });
  });

  test('two suppliers’ invoices never cluster, even word for word', () => {
    const fabrikam = cluster('fabrikam', 'auth:fabrikam.example', fixtureText('fabrikam-invoice-2026-10'));
    expect(chooseCluster({ senderKey: 'auth:litware.example', fingerprint: issue('litware-invoice-2026-11') }, [fabrikam])).toBeUndefined();
    expect(chooseCluster({ senderKey: 'auth:litware.example', fingerprint: issue('fabrikam-invoice-2026-10') }, [fabrikam])).toBeUndefined();
    expect(chooseCluster({ senderKey: 'auth:fabrikam.example', fingerprint: issue('fabrikam-invoice-2026-11') }, [fabrikam])).toMatchObject({ id: 'fabrikam' });
  });

  test('a look-alike that failed authentication joins neither the real sender’s cluster nor its message', () => {
    const real = cluster('weekly', northwind, fixtureText('newsletter-41'), true);
    expect(chooseCluster({ senderKey: 'from:northwind.example', fingerprint: issue('newsletter-41') }, [real])).toBeUndefined();
  });

  test('a report without text joins only by its Message-ID', () => {
    expect(chooseCluster({ senderKey: northwind, fingerprint: undefined }, [cluster('weekly', northwind, fixtureText('newsletter-41'))])).toBeUndefined();
  });
});
