import fs from 'node:fs';
import path from 'node:path';
import type { CreateSubmission } from '../../src/contracts/submissions';

export const INVOICE_EML = fs.readFileSync(path.join(__dirname, '../fixtures/messages/blocked-invoice.eml'));

/** A Not junk report of the invoice fixture, as the add-in sends it. */
export function invoiceReport(overrides: Partial<CreateSubmission> = {}): CreateSubmission {
  return {
    category: 'notJunk',
    internetMessageId: '<4f1c2a9e.118@supplier.example>',
    recipientEmailAddress: 'anna@contoso.example',
    sender: 'billing@supplier.example',
    subject: 'Faktura 2026-118 – forfalden',
    receivedDateTime: '2026-11-22T09:14:03Z',
    toRecipients: ['anna@contoso.example'],
    comment: 'Our supplier, we pay these every month',
    message: INVOICE_EML.toString('base64'),
    ...overrides,
  };
}
