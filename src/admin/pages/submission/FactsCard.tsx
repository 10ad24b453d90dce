/** The message's facts as reported: who sent it to whom, when, who reported it and how. */
import { Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { SubmissionDetail } from '../../../contracts/submissions';
import { usePortal } from '../../app/context';
import { formatDateTime } from '../../app/format';
import { CategoryBadge, ReviewBadge } from '../../components/badges';
import { Section } from '../../components/layout';
import { RouteLink } from '../../routing/router';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(96px, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, paddingTop: '2px' },
  value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  comment: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: 'pre-wrap',
  },
});

export function FactsCard({ submission }: { submission: SubmissionDetail }) {
  const styles = useStyles();
  const { t, locale } = usePortal();
  const rows: Array<[string, ReactNode]> = [
    [t.detail.sender, submission.sender],
    [t.detail.recipient, submission.recipientEmailAddress],
  ];
  const others = submission.toRecipients.filter((r) => r !== submission.recipientEmailAddress);
  if (others.length > 0) rows.push([t.detail.toRecipients, others.join(', ')]);
  rows.push(
    [t.detail.received, formatDateTime(locale, submission.receivedDateTime)],
    [t.detail.reportedBy, submission.createdBy.displayName ? `${submission.createdBy.displayName} <${submission.createdBy.email}>` : submission.createdBy.email],
    [t.detail.reported, formatDateTime(locale, submission.createdDateTime)],
    [t.detail.reportedAs, <CategoryBadge key="c" category={submission.category} />],
    [
      t.detail.result,
      <span key="r">
        <ReviewBadge state={submission.review?.result ?? 'unreviewed'} />
        {submission.review ? (
          <Caption1 style={{ display: 'block', marginTop: 4 }}>
            {submission.review.reviewedBy === 'auto-resolve'
              ? t.detail.autoResolve
              : t.detail.reviewedBy(submission.review.reviewedBy, formatDateTime(locale, submission.review.reviewedDateTime))}
          </Caption1>
        ) : null}
      </span>,
    ],
    [
      t.detail.cluster,
      submission.clusterId ? (
        <RouteLink key="cl" to={{ name: 'cluster', id: submission.clusterId }}>
          {t.detail.openCluster}
        </RouteLink>
      ) : (
        t.detail.noCluster
      ),
    ],
    [t.detail.messageId, <span key="m" className={styles.mono}>{submission.internetMessageId}</span>],
  );
  return (
    <Section title={t.detail.facts} testId="facts">
      <dl className={styles.list}>
        {rows.map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{typeof value === 'string' ? <Body1>{value}</Body1> : value}</dd>
          </div>
        ))}
      </dl>
      {submission.comment ? (
        <>
          <Caption1 className={styles.term}>{t.detail.comment}</Caption1>
          <blockquote className={styles.comment}>{submission.comment}</blockquote>
        </>
      ) : null}
    </Section>
  );
}
