/** The quarantine's coloured labels: why a message was held, and where its release stands. */
import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { QuarantineReason, ReleaseStatus } from '../../../contracts/quarantine';
import type { BulkRisk } from '../../../contracts/quarantine-bulk';
import { usePortal } from '../../app/context';

const REASON_COLOR: Record<QuarantineReason, NonNullable<BadgeProps['color']>> = {
  spam: 'warning',
  highConfidenceSpam: 'warning',
  bulk: 'informative',
  phishing: 'danger',
  highConfidencePhishing: 'danger',
  malware: 'severe',
  organisationRule: 'subtle',
};

const STATUS_COLOR: Record<ReleaseStatus, NonNullable<BadgeProps['color']>> = {
  notReleased: 'informative',
  requested: 'important',
  released: 'success',
  denied: 'danger',
};

export function ReasonBadge({ reason }: { reason: QuarantineReason }) {
  const { t } = usePortal();
  return (
    <Badge appearance="tint" color={REASON_COLOR[reason]} shape="rounded" data-testid="reason" data-reason={reason}>
      {t.quarantine.reasons[reason]}
    </Badge>
  );
}

export function ReleaseBadge({ status }: { status: ReleaseStatus }) {
  const { t } = usePortal();
  return (
    <Badge appearance={status === 'notReleased' ? 'outline' : 'filled'} color={STATUS_COLOR[status]} shape="rounded" data-testid="release-status" data-status={status}>
      {t.quarantine.statuses[status]}
    </Badge>
  );
}

export function RiskBadge({ risk }: { risk: BulkRisk }) {
  const { t } = usePortal();
  return (
    <Badge appearance="tint" color="danger" shape="rounded" data-risk={risk}>
      {t.quarantineItem.bulk.risks[risk]}
    </Badge>
  );
}
