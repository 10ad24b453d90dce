/** The foot of a settings form: Save (for those who may change settings) and who last changed it, or that the defaults apply. */
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { usePortal } from '../../app/context';
import { formatDateTime } from '../../app/format';

const useStyles = makeStyles({
  footer: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalL, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface SaveFooterProps {
  saving: boolean;
  onSave(): void;
  modifiedDateTime: string | null;
  modifiedBy: string | null;
  testId: string;
}

export function SaveFooter({ saving, onSave, modifiedDateTime, modifiedBy, testId }: SaveFooterProps) {
  const styles = useStyles();
  const { t, locale, can } = usePortal();
  return (
    <div className={styles.footer}>
      {can.change ? (
        <Button appearance="primary" disabled={saving} onClick={onSave} data-testid={testId}>
          {saving ? t.common.saving : t.common.save}
        </Button>
      ) : null}
      <Caption1 className={styles.muted}>{modifiedDateTime && modifiedBy ? t.settings.modified(modifiedBy, formatDateTime(locale, modifiedDateTime)) : t.settings.defaults}</Caption1>
    </div>
  );
}
