/**
 * What the user may add from the open message: the sender's address (the default, the
 * narrowest choice) or everyone at the sender's domain.
 */
import type { MessageFacts } from '../office/types';

export type SenderChoice = 'address' | 'domain';

export interface SenderChoices {
  address: string;
  /** Null when the address has no usable domain (e.g. an Exchange legacy DN). */
  domain: string | null;
}

/**
 * The address the lists are about: the From header (what the user sees and what Outlook's
 * own Safe Senders match), else the Sender header.
 */
export function senderAddress(facts: MessageFacts | null): string | null {
  const address = (facts?.from?.address ?? facts?.sender?.address ?? '').trim();
  return address === '' ? null : address;
}

/** The part after the last "@", lower-cased (domains are case-insensitive); null if there is none. */
export function domainOf(address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const domain = address.slice(at + 1).trim().toLowerCase();
  // A domain needs at least one dot and no spaces; anything else would only be refused.
  return /^[^\s@.]+(\.[^\s@.]+)+$/.test(domain) ? domain : null;
}

export function senderChoices(facts: MessageFacts | null): SenderChoices | null {
  const address = senderAddress(facts);
  if (address === null) return null;
  return { address, domain: domainOf(address) };
}

/** The value to send for a choice; the address when the domain is not available. */
export function chosenValue(choices: SenderChoices, choice: SenderChoice): string {
  return choice === 'domain' && choices.domain !== null ? choices.domain : choices.address;
}
