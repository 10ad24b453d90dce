import { Button, Field, Input, MessageBar, MessageBarBody, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import type { AddinAuthConfig } from '../../../contracts/addin-config';
import { failureReason } from '../../quarantine/quarantine';
import type { BrowserQuarantine as Session } from '../../services/browser-quarantine';
import { QuarantineView } from './QuarantineView';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL, maxWidth: '28rem' },
});

/**
 * "My quarantine" opened in a plain browser (no Outlook around it): sign in with what the
 * server's add-in auth offers, then the same view as in the task pane.
 */
export function BrowserQuarantine(props: { session: Session }) {
  const { session } = props;
  const { strings } = session;
  const texts = strings.quarantine.signIn;
  const styles = useStyles();
  const [mode, setMode] = useState<AddinAuthConfig['mode'] | null>(null);
  const [address, setAddress] = useState('');
  const [signedIn, setSignedIn] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    session.authMode().then(
      (found) => current && setMode(found),
      (failure: unknown) => current && setError(texts.failed(failureReason(failure, strings))),
    );
    return () => {
      current = false;
    };
  }, [session, strings, texts]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.signIn(address);
      setSignedIn(address.trim());
    } catch (failure) {
      setError(texts.failed(failureReason(failure, strings)));
    } finally {
      setBusy(false);
    }
  };

  if (signedIn !== null) {
    return (
      <>
        {signedIn !== '' && <Text data-testid="signed-in-as">{texts.signedInAs(signedIn)}</Text>}
        <QuarantineView quarantine={session.quarantine} strings={strings} locale={session.locale} />
      </>
    );
  }
  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} data-testid="quarantine-sign-in">
      <Title3 as="h1">{texts.heading}</Title3>
      <Text>{texts.help}</Text>
      {mode === 'dev' && (
        <Field label={texts.addressLabel} required>
          <Input type="email" value={address} onChange={(_event, data) => setAddress(data.value)} autoComplete="email" />
        </Field>
      )}
      <Button appearance="primary" type="submit" disabled={mode === null || busy || (mode === 'dev' && address.trim() === '')}>
        {texts.button}
      </Button>
      {error !== null && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}
