import type { CreateSubmission, Submission } from '../../../src/contracts/submissions';

export function aSubmission(overrides: Partial<CreateSubmission> = {}): CreateSubmission {
  return {
    category: 'notJunk',
    internetMessageId: '<m1@example.com>',
    recipientEmailAddress: 'alice@contoso.example',
    sender: 'newsletter@shop.example',
    subject: 'Your order has shipped',
    receivedDateTime: '2025-03-04T08:09:10.000Z',
    message: 'RnJvbTogYQ0KDQpoaQ==',
    ...overrides,
  };
}

export function anAcceptedSubmission(id = 'sub1', overrides: Partial<Submission> = {}): Submission {
  return {
    id,
    category: 'notJunk',
    source: 'user',
    status: 'pending',
    internetMessageId: '<m1@example.com>',
    recipientEmailAddress: 'alice@contoso.example',
    toRecipients: [],
    sender: 'newsletter@shop.example',
    subject: 'Your order has shipped',
    receivedDateTime: '2025-03-04T08:09:10.000Z',
    createdDateTime: '2025-03-04T09:00:00.000Z',
    createdBy: { email: 'alice@contoso.example' },
    comment: null,
    hasMessage: true,
    originalSubmissionId: null,
    result: null,
    review: null,
    clusterId: null,
    ...overrides,
  };
}
