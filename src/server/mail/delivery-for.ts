/** The delivery the configuration names: an SMTP relay when one is set, the pickup folder otherwise. */
import type { MailDeliveryConfig } from '../config/mail-config';
import type { MailDelivery } from './delivery';
import { PickupFolderDelivery } from './pickup-folder';
import { SmtpRelayDelivery } from './smtp-relay';

export function deliveryFor(config: MailDeliveryConfig): MailDelivery {
  return config.kind === 'relay' ? new SmtpRelayDelivery(config.relay) : new PickupFolderDelivery(config.folder);
}
