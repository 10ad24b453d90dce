/** How many reports of a cluster chose each category, as small badges (zeros left out). */
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { CategoryCounts } from '../../../contracts/portal';
import { usePortal } from '../../app/context';
import { formatNumber } from '../../app/format';

const useStyles = makeStyles({ root: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' } });

const ORDER = [
  ['notJunk', 'success'],
  ['spam', 'warning'],
  ['phishing', 'danger'],
  ['malware', 'severe'],
] as const;

export function CategoryCountsView({ counts }: { counts: CategoryCounts }) {
  const styles = useStyles();
  const { t, locale } = usePortal();
  return (
    <span className={styles.root}>
      {ORDER.filter(([c]) => counts[c] > 0).map(([c, color]) => (
        <Badge key={c} appearance="tint" color={color} shape="rounded">
          {t.categories[c]} {formatNumber(locale, counts[c])}
        </Badge>
      ))}
    </span>
  );
}
