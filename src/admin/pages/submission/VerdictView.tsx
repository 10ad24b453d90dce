/**
 * The analysis verdict, read top-down: is the block right (assessment), what happened then and
 * what would happen now, the cause and the layer that acted, the findings with the exact
 * header evidence, and what to change.
 */
import {
  Badge,
  Body1,
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import type { AssessmentKind, Cause, Severity, Verdict } from '../../../contracts/verdict';
import { usePortal } from '../../app/context';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  summary: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  compare: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
  tile: {
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  label: { color: tokens.colorNeutralForeground3, textTransform: 'uppercase', letterSpacing: '0.04em', fontSize: tokens.fontSizeBase100 },
  causes: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalXS },
  cause: {
    borderLeft: `3px solid ${tokens.colorPaletteDarkOrangeBorder2}`,
    paddingLeft: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusSmall,
    wordBreak: 'break-all',
  },
  table: { tableLayout: 'fixed', width: '100%' },
  sevCol: { width: '96px' },
  evidenceCol: { width: '36%' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  auth: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground3 },
});

const ASSESSMENT_COLOR: Record<AssessmentKind, NonNullable<BadgeProps['color']>> = {
  justified: 'danger',
  likelyFalsePositive: 'success',
  configurationDriven: 'warning',
  missedThreat: 'severe',
  notBlocked: 'informative',
  undetermined: 'subtle',
};

const SEVERITY_COLOR: Record<Severity, NonNullable<BadgeProps['color']>> = {
  info: 'informative',
  low: 'subtle',
  medium: 'warning',
  high: 'danger',
  critical: 'severe',
};

function authColor(result: string | undefined): NonNullable<BadgeProps['color']> {
  if (result === 'pass' || result === 'bestguesspass') return 'success';
  if (result === 'fail' || result === 'softfail' || result === 'permerror') return 'danger';
  return 'subtle';
}

function CauseBlock({ cause }: { cause: Cause }) {
  const styles = useStyles();
  const { t } = usePortal();
  return (
    <div className={styles.cause} data-testid="verdict-cause">
      <Text weight="semibold">{t.verdict.causeKinds[cause.kind]}</Text>
      <Body1>{cause.explanation}</Body1>
      <Caption1 className={styles.muted}>
        {t.verdict.layer}: {t.verdict.layers[cause.layer]}
      </Caption1>
      {cause.setting ? (
        <Caption1>
          {t.verdict.setting}:{' '}
          <span className={styles.code}>
            {cause.setting.name}
            {cause.setting.entry ? ` = ${cause.setting.entry}` : ''}
          </span>
        </Caption1>
      ) : null}
    </div>
  );
}

export function VerdictView({ verdict }: { verdict: Verdict }) {
  const styles = useStyles();
  const { t } = usePortal();
  const facts = verdict.facts;
  const auth: Array<[string, string | undefined]> = [
    ['SPF', facts.spf],
    ['DKIM', facts.dkim],
    ['DMARC', facts.dmarc],
    ['compauth', facts.compauth?.result],
  ];
  return (
    <div className={styles.root} data-testid="verdict" data-assessment={verdict.assessment.kind}>
      <div className={styles.summary}>
        <Badge appearance="filled" color={ASSESSMENT_COLOR[verdict.assessment.kind]} shape="rounded" size="large">
          {t.verdict.assessments[verdict.assessment.kind]}
        </Badge>
        <Badge appearance="outline" shape="rounded" size="large">
          {t.verdict.categories[verdict.category]}
        </Badge>
        <Badge appearance="tint" color={verdict.blocked ? 'danger' : 'success'} shape="rounded" size="large">
          {verdict.blocked ? t.verdict.blocked : t.verdict.notBlocked}
        </Badge>
      </div>
      <Body1>{verdict.assessment.explanation}</Body1>
      <div className={styles.compare} data-testid="now-then">
        <div className={styles.tile}>
          <span className={styles.label}>{t.verdict.then}</span>
          <Text weight="semibold">{t.verdict.actions[verdict.then.action]}</Text>
          <Caption1>{verdict.then.explanation}</Caption1>
        </div>
        <div className={styles.tile}>
          <span className={styles.label}>{t.verdict.now}</span>
          <Text weight="semibold">
            {verdict.now ? (t.verdict.actions as Record<string, string | undefined>)[verdict.now.action] ?? verdict.now.action : t.verdict.nowUnknown}
          </Text>
        </div>
      </div>
      <div>
        <h3 className={styles.heading}>{t.verdict.cause}</h3>
        <div className={styles.causes}>
          <CauseBlock cause={verdict.primaryCause} />
        </div>
      </div>
      {verdict.contributingCauses.length > 0 ? (
        <div>
          <h3 className={styles.heading}>{t.verdict.contributing}</h3>
          <div className={styles.causes}>
            {verdict.contributingCauses.map((c, i) => (
              <CauseBlock key={i} cause={c} />
            ))}
          </div>
        </div>
      ) : null}
      <div className={styles.auth}>
        <Text weight="semibold">{t.verdict.authentication}:</Text>
        {auth.map(([name, result]) => (
          <Badge key={name} appearance="tint" color={authColor(result)} shape="rounded">
            {name} {result ?? '–'}
          </Badge>
        ))}
      </div>
      <div>
        <h3 className={styles.heading}>{t.verdict.findings}</h3>
        {verdict.findings.length === 0 ? (
          <Body1 className={styles.muted}>{t.verdict.noFindings}</Body1>
        ) : (
          <Table className={styles.table} size="small" aria-label={t.verdict.findings} data-testid="findings">
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.sevCol}>{t.verdict.severity}</TableHeaderCell>
                <TableHeaderCell>{t.verdict.findings}</TableHeaderCell>
                <TableHeaderCell className={styles.evidenceCol}>{t.verdict.evidence}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {verdict.findings.map((f, i) => (
                <TableRow key={`${f.code}-${i}`}>
                  <TableCell>
                    <Badge appearance="tint" color={SEVERITY_COLOR[f.severity]} shape="rounded">
                      {t.verdict.severities[f.severity]}
                    </Badge>
                  </TableCell>
                  <TableCell>
                    <Body1>{f.explanation}</Body1>
                  </TableCell>
                  <TableCell>
                    <span className={styles.code}>
                      {f.evidence.header}: {f.evidence.value}
                    </span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
      <div>
        <h3 className={styles.heading}>{t.verdict.recommendations}</h3>
        {verdict.recommendations.length === 0 ? (
          <Body1 className={styles.muted}>{t.verdict.noRecommendations}</Body1>
        ) : (
          <ul className={styles.list} data-testid="recommendations">
            {verdict.recommendations.map((r, i) => (
              <li key={`${r.code}-${i}`}>
                <Body1>{r.text}</Body1>
              </li>
            ))}
          </ul>
        )}
      </div>
      {verdict.absentEvidence.length > 0 ? (
        <Caption1 className={styles.muted}>
          {t.verdict.absent}: {verdict.absentEvidence.join(', ')}
        </Caption1>
      ) : null}
    </div>
  );
}
