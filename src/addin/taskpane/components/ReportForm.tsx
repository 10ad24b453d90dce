import { Button, Field, Link, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { MailCheckmark20Regular } from '@fluentui/react-icons/svg/mail-checkmark';
import { MailProhibited20Regular } from '@fluentui/react-icons/svg/mail-prohibited';
import { ShieldError20Regular } from '@fluentui/react-icons/svg/shield-error';
import { useState, type ReactElement } from 'react';
import type { Catalog } from '../../../i18n';
import type { ReportCategory } from '../../report/categories';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

interface ButtonSpec {
  category: ReportCategory;
  label: (strings: Catalog) => string;
  icon: ReactElement;
  appearance: 'primary' | 'secondary';
}

const BUTTONS: readonly ButtonSpec[] = [
  { category: 'notJunk', label: (s) => s.pane.reportNotJunk, icon: <MailCheckmark20Regular />, appearance: 'primary' },
  { category: 'junk', label: (s) => s.pane.reportJunk, icon: <MailProhibited20Regular />, appearance: 'secondary' },
  { category: 'phishing', label: (s) => s.pane.reportPhishing, icon: <ShieldError20Regular />, appearance: 'secondary' },
];

export interface ReportFormProps {
  strings: Catalog;
  busy: boolean;
  moreInfoUrl: string;
  /** Resolves true when the report is on its way (sent or queued): the comment is then cleared. */
  onReport: (category: ReportCategory, comment: string) => Promise<boolean>;
}

export function ReportForm(props: ReportFormProps) {
  const styles = useStyles();
  const { strings } = props;
  const [comment, setComment] = useState('');
  return (
    <section className={styles.root} aria-label={strings.pane.reportHeading}>
      <Field label={strings.pane.commentLabel} hint={strings.pane.commentHint}>
        <Textarea
          value={comment}
          maxLength={2000}
          resize="vertical"
          onChange={(_event, data) => setComment(data.value)}
        />
      </Field>
      <div className={styles.buttons}>
        {BUTTONS.map((button) => (
          <Button
            key={button.category}
            appearance={button.appearance}
            icon={button.icon}
            disabled={props.busy}
            onClick={() => {
              void props.onReport(button.category, comment).then((done) => done && setComment(''));
            }}
          >
            {button.label(strings)}
          </Button>
        ))}
      </div>
      <Link href={props.moreInfoUrl} target="_blank" rel="noopener noreferrer">
        {strings.pane.moreInfo}
      </Link>
    </section>
  );
}
