/**
 * Settings: the notices reporters get (one template per result and language, previewed as the
 * reporter would read it), who sends them, the accepted domains, and the policy values.
 */
import { Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { usePortal } from '../../app/context';
import { PageHeader } from '../../components/layout';
import { useQueryState } from '../../routing/router';
import { PolicyForm } from './PolicyForm';
import { TemplatesForm } from './TemplatesForm';

const useStyles = makeStyles({ tabs: { marginBottom: tokens.spacingVerticalM } });

export function SettingsPage() {
  const styles = useStyles();
  const { t } = usePortal();
  const [params, set] = useQueryState();
  const tab = params.get('tab') === 'policy' ? 'policy' : 'templates';
  return (
    <>
      <PageHeader title={t.settings.title} subtitle={t.settings.subtitle} />
      <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_e, data) => set({ tab: data.value === 'policy' ? 'policy' : null })}>
        <Tab value="templates">{t.settings.tabs.templates}</Tab>
        <Tab value="policy" data-testid="policy-tab">
          {t.settings.tabs.policy}
        </Tab>
      </TabList>
      {tab === 'policy' ? <PolicyForm /> : <TemplatesForm />}
    </>
  );
}
