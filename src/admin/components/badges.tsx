/** Small coloured labels for a report's category and result, the same everywhere. */
import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { ReviewState } from '../../contracts/portal';
import type { SubmissionCategory } from '../../contracts/submissions';
import { usePortal } from '../app/context';

const CATEGORY_COLOR: Record<SubmissionCategory, NonNullable<BadgeProps['color']>> = {
  notJunk: 'success',
  spam: 'warning',
  phishing: 'danger',
  malware: 'severe',
};

const REVIEW_COLOR: Record<ReviewState, NonNullable<BadgeProps['color']>> = {
  unreviewed: 'informative',
  noThreatsFound: 'success',
  phishing: 'danger',
  spam: 'warning',
};

export function CategoryBadge({ category }: { category: SubmissionCategory }) {
  const { t } = usePortal();
  return (
    <Badge appearance="tint" color={CATEGORY_COLOR[category]} shape="rounded">
      {t.categories[category]}
    </Badge>
  );
}

export function ReviewBadge({ state }: { state: ReviewState }) {
  const { t } = usePortal();
  return (
    <Badge appearance={state === 'unreviewed' ? 'outline' : 'filled'} color={REVIEW_COLOR[state]} shape="rounded" data-testid="review-state" data-state={state}>
      {t.reviewStates[state]}
    </Badge>
  );
}
