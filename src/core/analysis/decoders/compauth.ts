/**
 * Microsoft's composite authentication reason codes, as documented for
 * Authentication-Results `compauth=... reason=NNN` (message-headers-eop-mdo).
 */
import type { CompauthReasonClass } from '../types';

const EXACT: Readonly<Record<string, CompauthReasonClass>> = {
  '000': 'explicitFail',
  '001': 'implicitFail',
  '002': 'orgProhibitsSpoof',
  '010': 'dmarcFailAcceptedDomain',
  '130': 'arcOverride',
};

/** By first digit: 1xx/7xx pass, 2xx soft pass, 3xx not checked, 4xx/9xx bypassed, 6xx implicit fail on an accepted domain. */
const BY_CENTURY: Readonly<Record<string, CompauthReasonClass>> = {
  '1': 'pass',
  '7': 'pass',
  '2': 'softPass',
  '3': 'notChecked',
  '4': 'bypassed',
  '9': 'bypassed',
  '6': 'implicitFailAcceptedDomain',
};

export function classifyCompauthReason(reason: string | undefined): CompauthReasonClass {
  if (reason === undefined || !/^\d{3}$/.test(reason)) return 'unknown';
  return EXACT[reason] ?? BY_CENTURY[reason.charAt(0)] ?? 'unknown';
}
