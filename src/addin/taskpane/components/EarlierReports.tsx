import { Badge, Caption1, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Catalog } from '../../../i18n';
import { formatDateTime, resultText } from '../format';
import type { EarlierReportsState } from '../hooks/useEarlierReports';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

export function EarlierReports(props: { state: EarlierReportsState; strings: Catalog; locale: string }) {
  const styles = useStyles();
  const { state, strings } = props;
  return (
    <section aria-labelledby="earlier-heading" data-testid="earlier-reports">
      <Subtitle2 as="h2" id="earlier-heading">
        {strings.pane.earlierHeading}
      </Subtitle2>
      {state.kind === 'loading' && <Spinner size="tiny" label={strings.pane.earlierLoading} />}
      {state.kind === 'error' && <Text>{strings.pane.earlierUnavailable}</Text>}
      {state.kind === 'ready' && state.items.length === 0 && <Text>{strings.pane.earlierNone}</Text>}
      {state.kind === 'ready' && state.items.length > 0 && (
        <ul className={styles.list}>
          {state.items.map((submission) => (
            <li key={submission.id} className={styles.item} data-testid="earlier-report">
              <div className={styles.line}>
                <Text weight="semibold">{strings.categories[submission.category]}</Text>
                <Badge appearance="tint" color={submission.status === 'succeeded' ? 'success' : 'informative'}>
                  {strings.status[submission.status]}
                </Badge>
              </div>
              <Caption1>
                {strings.pane.earlierReportedOn(formatDateTime(submission.createdDateTime, props.locale))}
              </Caption1>
              <Text>{resultText(submission, strings)}</Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
