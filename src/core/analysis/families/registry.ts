/**
 * Every filter family beyond Exchange Online, SpamAssassin and Rspamd (which have detailed
 * rules of their own). Adding one: a folder with its decoder (and a rules file if it has
 * findings of its own), and a line here.
 */
import { registered, type FilterFamily } from './family';
import { GOOGLE } from './google/decoder';
import { PROOFPOINT } from './proofpoint/decoder';
import { BARRACUDA } from './barracuda/decoder';
import { PROTON } from './proton/decoder';
import { MIMECAST } from './mimecast/decoder';
import { IRONPORT } from './ironport/decoder';
import { KASPERSKY } from './kaspersky/decoder';
import { SOPHOS } from './sophos/decoder';
import { PROXMOX } from './proxmox/decoder';
import { CLAMAV } from './clamav/decoder';
import { AMAVIS } from './amavis/decoder';
import { GANDI, HMAILSERVER, RSPAM_STATUS, UNITED_INTERNET, VA_SPAM_FLAG } from './spamFlags/decoder';

export const FAMILIES: readonly FilterFamily<unknown>[] = [
  registered(GOOGLE),
  registered(PROOFPOINT),
  registered(BARRACUDA),
  registered(PROTON),
  registered(MIMECAST),
  registered(IRONPORT),
  registered(KASPERSKY),
  registered(SOPHOS),
  registered(PROXMOX),
  registered(CLAMAV),
  registered(AMAVIS),
  registered(RSPAM_STATUS),
  registered(VA_SPAM_FLAG),
  registered(GANDI),
  registered(HMAILSERVER),
  registered(UNITED_INTERNET),
];
