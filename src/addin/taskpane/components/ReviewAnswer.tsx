import { Badge, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { Review, ReviewResult } from '../../../contracts/portal/review';
import type { Catalog } from '../../../i18n';
import { formatDateTime } from '../format';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    margin: 0,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
  },
  heading: { margin: 0 },
  // The admin's own words, as they wrote them (line breaks kept); React escapes the text.
  message: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

const RESULT_COLOR: Readonly<Record<ReviewResult, 'success' | 'danger' | 'warning'>> = {
  noThreatsFound: 'success',
  phishing: 'danger',
  spam: 'warning',
};

/**
 * The security team's answer to one report: their result (No threats found, Phishing, Spam),
 * their personal message if they wrote one, and when they answered.
 */
export function ReviewAnswer(props: { review: Review; strings: Catalog; locale: string }) {
  const styles = useStyles();
  const headingId = useId();
  const { review, strings } = props;
  return (
    <section className={styles.root} aria-labelledby={headingId} data-testid="review-answer" data-result={review.result}>
      <Caption1 as="h3" id={headingId} className={styles.heading}>
        {strings.review.answerHeading}
      </Caption1>
      <div>
        <Badge appearance="filled" color={RESULT_COLOR[review.result]} data-testid="review-result">
          {strings.review.results[review.result]}
        </Badge>
      </div>
      {review.message !== null && review.message.trim() !== '' && (
        <Text as="p" className={styles.message} data-testid="review-message">
          {review.message}
        </Text>
      )}
      <Caption1 data-testid="review-date">
        {strings.review.answeredOn(formatDateTime(review.reviewedDateTime, props.locale))}
      </Caption1>
    </section>
  );
}
