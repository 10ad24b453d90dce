/**
 * What the lists code shared by the ribbon and the task pane decides on its own: which
 * sender values a message offers, and how a failed list call is put into words.
 */
import { ApiError, FeatureUnavailableError, NetworkError } from '../../src/addin/api';
import { chosenValue, domainOf, listFailureText, senderAddress, senderChoices } from '../../src/addin/lists';
import type { MessageFacts } from '../../src/addin/office';
import { daDK } from '../../src/i18n/da-DK';
import { enUS } from '../../src/i18n/en-US';

const FACTS: MessageFacts = {
  itemId: 'item-1',
  internetMessageId: '<m1@example.com>',
  from: { address: 'billing@supplier.example', displayName: 'Bjørn Hansen' },
  sender: { address: 'bounce@mailer.example', displayName: 'Mailer' },
  to: [],
  cc: [],
  subject: 'Faktura',
  receivedAt: '2025-03-04T08:09:10.000Z',
};

describe('sender choices', () => {
  it('offers the From address, and its domain in lower case', () => {
    expect(senderChoices(FACTS)).toEqual({ address: 'billing@supplier.example', domain: 'supplier.example' });
    expect(senderChoices({ ...FACTS, from: { address: 'Anna@Sub.Supplier.EXAMPLE', displayName: '' } })).toEqual({
      address: 'Anna@Sub.Supplier.EXAMPLE',
      domain: 'sub.supplier.example',
    });
  });

  it('falls back to the Sender header, and to nothing', () => {
    expect(senderAddress({ ...FACTS, from: null })).toBe('bounce@mailer.example');
    expect(senderAddress({ ...FACTS, from: null, sender: null })).toBeNull();
    expect(senderAddress({ ...FACTS, from: { address: '  ', displayName: 'x' }, sender: null })).toBeNull();
    expect(senderChoices(null)).toBeNull();
  });

  it.each([
    ['user@example.com', 'example.com'],
    ['"a@b"@example.com', 'example.com'],
    ['user@xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['user@bücher.example', 'bücher.example'],
    ['/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=ANNA', null],
    ['user@localhost', null],
    ['@example.com', null],
    ['user@', null],
    ['user@exa mple.com', null],
  ])('domainOf(%s) = %s', (address, domain) => {
    expect(domainOf(address)).toBe(domain);
  });

  it('sends the address by default, the domain only when chosen and known', () => {
    const choices = { address: 'a@x.example', domain: 'x.example' };
    expect(chosenValue(choices, 'address')).toBe('a@x.example');
    expect(chosenValue(choices, 'domain')).toBe('x.example');
    expect(chosenValue({ address: 'odd', domain: null }, 'domain')).toBe('odd');
  });
});

describe('failure wording', () => {
  const refused = (reason: string) => `REFUSED(${reason})`;

  it('words the server’s refusal from its code and figures, inside the sentence for the attempt', () => {
    const full = {
      statusCode: 409,
      error: 'Conflict',
      message: 'The list is full: 1024 of 1024 entries are used. Remove one first.',
      code: 'limitReached',
      errors: [{ code: 'limitReached', message: 'The list is full: 1024 of 1024 entries are used. Remove one first.', field: 'value', used: 1024, limit: 1024 }],
    };
    const error = new ApiError(409, full.message, full);
    expect(listFailureText(error, enUS, refused)).toBe('REFUSED(The list is full: 1,024 of 1,024 entries are used. Remove one first.)');
    expect(listFailureText(error, daDK, (reason) => daDK.lists.addFailed.safe('a@x.example', reason))).toBe(
      'a@x.example blev ikke føjet til dine sikre afsendere: Listen er fuld: 1.024 af 1.024 poster er brugt. Fjern først en.',
    );
    // The server's English sentence is never part of another language's.
    expect(listFailureText(error, daDK, refused)).not.toContain('entries');
  });

  it('has its own sentences for "not on this server", "no answer" and anything else', () => {
    expect(listFailureText(new FeatureUnavailableError('safe senders'), enUS, refused)).toBe(enUS.lists.notAvailable);
    expect(listFailureText(new NetworkError('down'), daDK, refused)).toBe('Serveren kunne ikke nås. Prøv igen senere.');
    expect(listFailureText(new TypeError('bug'), enUS, refused)).toBe('Something went wrong. Please try again.');
  });
});
