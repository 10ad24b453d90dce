import { Badge, Caption1, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Catalog } from '../../../i18n';
import { formatDateTime } from '../format';
import type { EarlierReportsView } from '../hooks/useEarlierReports';
import { ReviewAnswer } from './ReviewAnswer';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

/**
 * This user's earlier reports of the open message, newest first: what they said, when, and
 * the security team's answer once there is one (until then, that it waits for review).
 */
export function EarlierReports(props: { state: EarlierReportsView; strings: Catalog; locale: string }) {
  const styles = useStyles();
  const { state, strings } = props;
  return (
    <section aria-labelledby="earlier-heading" data-testid="earlier-reports" data-state={state.kind}>
      <Subtitle2 as="h2" id="earlier-heading">
        {strings.pane.earlierHeading}
      </Subtitle2>
      {state.kind === 'loading' && <Spinner size="tiny" label={strings.pane.earlierLoading} />}
      {state.kind === 'error' && (
        <Text>{state.reason === null ? strings.pane.earlierUnavailable : `${strings.pane.earlierUnavailable} ${state.reason}`}</Text>
      )}
      {state.kind === 'ready' && state.items.length === 0 && <Text>{strings.pane.earlierNone}</Text>}
      {state.kind === 'ready' && state.items.length > 0 && (
        <ul className={styles.list}>
          {state.items.map((submission) => (
            <li key={submission.id} className={styles.item} data-testid="earlier-report">
              <div className={styles.line}>
                <Text weight="semibold">{strings.categories[submission.category]}</Text>
                {submission.review === null && (
                  <Badge appearance="tint" color="informative" data-testid="review-waiting">
                    {strings.review.waiting}
                  </Badge>
                )}
              </div>
              <Caption1>
                {strings.pane.earlierReportedOn(formatDateTime(submission.createdDateTime, props.locale))}
              </Caption1>
              {submission.review !== null && (
                <ReviewAnswer review={submission.review} strings={strings} locale={props.locale} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
