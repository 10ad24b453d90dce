/**
 * Settings: the notices (one template per notice and language, previewed as their reader would
 * read it), who sends them, the accepted domains, the policy values, and the quarantine
 * policies.
 */
import { Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { usePortal } from '../../app/context';
import { PageHeader } from '../../components/layout';
import { useQueryState } from '../../routing/router';
import { PolicyForm } from './PolicyForm';
import { QuarantinePoliciesForm } from './QuarantinePoliciesForm';
import { TemplatesForm } from './TemplatesForm';

const useStyles = makeStyles({ tabs: { marginBottom: tokens.spacingVerticalM } });

export function SettingsPage() {
  const styles = useStyles();
  const { t } = usePortal();
  const [params, set] = useQueryState();
  const asked = params.get('tab');
  const tab = asked === 'policy' || asked === 'quarantinePolicies' ? asked : 'templates';
  return (
    <>
      <PageHeader title={t.settings.title} subtitle={t.settings.subtitle} />
      <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_e, data) => set({ tab: data.value === 'templates' ? null : String(data.value) })}>
        <Tab value="templates">{t.settings.tabs.templates}</Tab>
        <Tab value="policy" data-testid="policy-tab">
          {t.settings.tabs.policy}
        </Tab>
        <Tab value="quarantinePolicies" data-testid="quarantine-policies-tab">
          {t.settings.tabs.quarantinePolicies}
        </Tab>
      </TabList>
      {tab === 'policy' ? <PolicyForm /> : tab === 'quarantinePolicies' ? <QuarantinePoliciesForm /> : <TemplatesForm />}
    </>
  );
}
