import { enUS } from '../../src/i18n/en-US';
import type { MessageFacts, OfficeMailbox } from '../../src/addin/office';
import type { SubmitOutcome } from '../../src/addin/outbox';
import { daDK } from '../../src/i18n/da-DK';
import { frFR } from '../../src/i18n/fr-FR';
import {
  buildSubmission,
  categoryFromSpamOptions,
  describeReport,
  reportLocale,
  reportMessage,
  spamDialogFor,
  withLocale,
  type ReportResult,
} from '../../src/addin/report';
import { anAcceptedSubmission } from './helpers/submissions';

const FACTS: MessageFacts = {
  itemId: 'item-1',
  internetMessageId: '<m1@example.com>',
  from: { address: 'newsletter@shop.example', displayName: 'Shop' },
  sender: { address: 'bounce@mailer.example', displayName: 'Mailer' },
  to: [{ address: 'alice@contoso.example', displayName: 'Alice' }],
  cc: [],
  subject: 'Hello',
  receivedAt: '2025-03-04T08:09:10.000Z',
};
const USER = { address: 'alice@contoso.example', displayName: 'Alice' };

describe('buildSubmission', () => {
  it('builds the POST /api/submissions body with the EML and keeps a header-only fallback', () => {
    const built = buildSubmission({
      category: 'junk',
      comment: '  unsolicited  ',
      facts: FACTS,
      user: USER,
      content: { eml: 'RU1M', headers: 'Received: x' },
      displayLanguage: 'da-DK',
      now: 0,
    });
    expect(built.submission).toEqual({
      category: 'spam',
      internetMessageId: '<m1@example.com>',
      recipientEmailAddress: 'alice@contoso.example',
      sender: 'newsletter@shop.example',
      subject: 'Hello',
      receivedDateTime: '2025-03-04T08:09:10.000Z',
      toRecipients: ['alice@contoso.example'],
      comment: 'unsolicited',
      locale: 'da-DK',
      message: 'RU1M',
    });
    // The header-only stand-in carries the reporter's language too.
    expect(built.fallback).toEqual({ ...built.submission, message: undefined, headers: 'Received: x' });
    expect(built.fallback && 'message' in built.fallback).toBe(false);
  });

  it('sends the headers when the client cannot give the EML, and trims to the schema limits', () => {
    const built = buildSubmission({
      category: 'phishing',
      comment: 'x'.repeat(3000),
      facts: { ...FACTS, subject: 's'.repeat(1200), receivedAt: '' },
      user: USER,
      content: { eml: null, headers: 'Received: x' },
      displayLanguage: 'fr-CA',
      now: Date.parse('2025-01-01T00:00:00Z'),
    });
    expect(built.submission.headers).toBe('Received: x');
    expect(built.submission.message).toBeUndefined();
    expect(built.submission.subject).toHaveLength(998);
    expect(built.submission.comment).toHaveLength(2000);
    expect(built.submission.receivedDateTime).toBe('2025-01-01T00:00:00.000Z');
    expect(built.submission.locale).toBe('fr-CA');
    expect(built.fallback).toBeUndefined();
  });

  it('sends the display language only when the server can take it, so a report is never refused over it', () => {
    expect(reportLocale('da-DK')).toBe('da-DK');
    expect(reportLocale(' en-GB ')).toBe('en-GB');
    expect(reportLocale('zh_Hant_TW')).toBe('zh-Hant-TW');
    expect(reportLocale('')).toBeNull();
    expect(reportLocale(undefined)).toBeNull();
    expect(reportLocale('x')).toBeNull();
    expect(reportLocale('en US')).toBeNull();
    expect(reportLocale(`en-${'a1234567-'.repeat(4)}x`)).toBeNull(); // past 35 characters
    const built = buildSubmission({
      category: 'notJunk',
      comment: '',
      facts: FACTS,
      user: USER,
      content: { eml: 'RU1M', headers: null },
      displayLanguage: '',
      now: 0,
    });
    expect('locale' in built.submission).toBe(false);
  });

  it('gives a stored report without a language the one Outlook has now, and leaves one that has it', () => {
    const stored = { category: 'spam' as const, internetMessageId: '<m>', recipientEmailAddress: 'a@b.example', sender: 's@x.example', subject: '', receivedDateTime: '2025-01-01T00:00:00Z', headers: 'h' };
    expect(withLocale(stored, 'fr-FR')).toEqual({ ...stored, locale: 'fr-FR' });
    expect(withLocale({ ...stored, locale: 'da-DK' }, 'fr-FR')).toEqual({ ...stored, locale: 'da-DK' });
    expect(withLocale(stored, '')).toBe(stored);
  });

  it('refuses without a sender or any content', () => {
    const base = { category: 'junk' as const, comment: '', user: USER, displayLanguage: 'en-US', now: 0 };
    expect(() =>
      buildSubmission({ ...base, facts: { ...FACTS, from: null, sender: null }, content: { eml: 'x', headers: null } }),
    ).toThrow(/no sender/);
    expect(() => buildSubmission({ ...base, facts: FACTS, content: { eml: null, headers: null } })).toThrow(/no content/);
  });
});

describe('categoryFromSpamOptions', () => {
  it.each([
    [[true, false, false], 'notJunk'],
    [[false, true, false], 'junk'],
    [[false, false, true], 'phishing'],
    [[true, true, true], 'phishing'],
    [[false, false, false], 'junk'],
    [undefined, 'junk'],
  ] as const)('%j → %s', (options, expected) => {
    expect(categoryFromSpamOptions(options)).toBe(expected);
  });
});

describe('reportMessage', () => {
  function mailbox(overrides: Partial<OfficeMailbox> = {}): OfficeMailbox {
    return {
      messageFacts: () => FACTS,
      internetHeaders: async () => 'Received: x',
      messageAsEml: async () => 'RU1M',
      displayLanguage: () => 'en-US',
      user: () => USER,
      supports: () => false,
      restId: (id) => id,
      notify: async () => undefined,
      onItemChanged: () => () => undefined,
      ...overrides,
    };
  }

  it('hands the outbox a report in Outlook’s display language', async () => {
    const submit = jest.fn(async () => ({ kind: 'unsaved' as const, key: 'k', reason: 'full' }));
    await reportMessage(
      { category: 'notJunk', comment: '', context: 'command' },
      { mailbox: mailbox({ displayLanguage: () => 'da-DK' }), outbox: { submit }, moveDeps: jest.fn(), now: () => 0 },
    );
    expect(submit).toHaveBeenCalledWith(expect.objectContaining({ locale: 'da-DK', message: 'RU1M' }), {
      fallback: expect.objectContaining({ locale: 'da-DK', headers: 'Received: x' }),
    });
  });

  it('leaves the message where it is when the report was neither sent nor stored', async () => {
    const moveDeps = jest.fn();
    const result = await reportMessage(
      { category: 'phishing', comment: '', context: 'command' },
      {
        mailbox: mailbox(),
        outbox: { submit: async () => ({ kind: 'unsaved', key: 'k', reason: 'full' }) },
        moveDeps,
        now: () => 0,
      },
    );
    expect(result).toEqual({ kind: 'done', category: 'phishing', outcome: { kind: 'unsaved', key: 'k', reason: 'full' }, move: null });
    expect(moveDeps).not.toHaveBeenCalled();
  });

  it('gives a manual instruction when the move dependencies cannot be had (server down)', async () => {
    const result = await reportMessage(
      { category: 'notJunk', comment: '', context: 'spamEvent' },
      {
        mailbox: mailbox(),
        outbox: { submit: async () => ({ kind: 'queued', key: 'k', reason: 'down' }) },
        moveDeps: async () => {
          throw new Error('config unreachable');
        },
        now: () => 0,
      },
    );
    expect(result).toMatchObject({ kind: 'done', move: { method: 'manual', destination: 'inbox', eventMoveTo: 'none' } });
  });

  it('reports unreadable when Outlook gives neither EML nor headers', async () => {
    const submit = jest.fn();
    const result = await reportMessage(
      { category: 'junk', comment: '', context: 'command' },
      {
        mailbox: mailbox({
          messageAsEml: async () => {
            throw new Error('nope');
          },
          internetHeaders: async () => {
            throw new Error('nope');
          },
        }),
        outbox: { submit },
        moveDeps: async () => {
          throw new Error('unused');
        },
        now: () => 0,
      },
    );
    expect(result.kind).toBe('unreadable');
    expect(submit).not.toHaveBeenCalled();
  });
});

describe('describeReport', () => {
  const done = (outcome: SubmitOutcome): ReportResult => ({
    kind: 'done',
    category: 'notJunk',
    outcome,
    move: { destination: 'inbox', method: 'manual', eventMoveTo: 'none', graphSkipped: null },
  });

  it('confirms a sent report and says how to move the message', () => {
    const description = describeReport(
      done({ kind: 'sent', key: 'k', submission: anAcceptedSubmission(), created: true }),
      enUS,
    );
    expect(description).toEqual({
      state: 'sent',
      tone: 'success',
      headline: 'Thank you. Your report (Not junk) was received.',
      moveText: "Move it to your Inbox with Outlook's Not junk button.",
    });
    expect(spamDialogFor(description, enUS)).toEqual({
      title: 'Thank you for your report',
      description: "Thank you. Your report (Not junk) was received. Move it to your Inbox with Outlook's Not junk button.",
    });
  });

  it('says queued, or why the server refused, from its code and in the user’s language', () => {
    expect(describeReport(done({ kind: 'queued', key: 'k', reason: 'x' }), enUS).headline).toBe(
      'Queued — will be sent when the server is reachable.',
    );
    const refused = done({
      kind: 'rejected',
      key: 'k',
      refusal: { status: 413, code: 'too_large', reasons: [] },
      message: 'the request body is larger than this server accepts',
    });
    expect(describeReport(refused, enUS)).toMatchObject({
      state: 'rejected',
      tone: 'error',
      headline: 'Your report was not accepted: The message is larger than the server accepts.',
    });
    expect(describeReport(refused, daDK).headline).toBe('Din rapport blev ikke modtaget: Mailen er større, end serveren tager imod.');
    expect(describeReport(refused, frFR).headline).toBe(
      'Votre signalement a été refusé : Le message dépasse la taille acceptée par le serveur.',
    );
    // The server's English never appears in another language's sentence.
    expect(describeReport(refused, daDK).headline).not.toContain('larger');
  });
});
