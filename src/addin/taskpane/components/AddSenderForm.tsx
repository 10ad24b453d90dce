import { Button, Field, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { PersonAvailable20Regular } from '@fluentui/react-icons/svg/person-available';
import { PersonProhibited20Regular } from '@fluentui/react-icons/svg/person-prohibited';
import { useState } from 'react';
import type { Catalog } from '../../../i18n';
import type { SenderListKind } from '../../api/types';
import { chosenValue, type SenderChoice, type SenderChoices } from '../../lists/choices';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  radio: { overflowWrap: 'anywhere' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export interface AddSenderFormProps {
  choices: SenderChoices;
  strings: Catalog;
  busy: boolean;
  /** Asks to add `value`; nothing is saved until the user confirms in the dialog. */
  onRequest: (list: SenderListKind, value: string) => void;
}

const asChoice = (value: string): SenderChoice => (value === 'domain' ? 'domain' : 'address');

/** The open message's sender, address (default) or domain, and the two add buttons side by side. */
export function AddSenderForm(props: AddSenderFormProps) {
  const styles = useStyles();
  const { choices, strings } = props;
  const [choice, setChoice] = useState<SenderChoice>('address');
  const value = chosenValue(choices, choice);
  return (
    <div className={styles.root}>
      <Field label={strings.lists.choiceLabel}>
        <RadioGroup value={choice} onChange={(_event, data) => setChoice(asChoice(data.value))}>
          <Radio className={styles.radio} value="address" label={strings.lists.chooseAddress(choices.address)} />
          {choices.domain !== null && (
            <Radio className={styles.radio} value="domain" label={strings.lists.chooseDomain(choices.domain)} />
          )}
        </RadioGroup>
      </Field>
      <div className={styles.buttons}>
        <Button icon={<PersonAvailable20Regular />} disabled={props.busy} onClick={() => props.onRequest('safe', value)}>
          {strings.lists.add.safe}
        </Button>
        <Button
          icon={<PersonProhibited20Regular />}
          disabled={props.busy}
          onClick={() => props.onRequest('blocked', value)}
        >
          {strings.lists.add.blocked}
        </Button>
      </div>
    </div>
  );
}
