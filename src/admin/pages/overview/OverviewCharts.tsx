/**
 * The overview's charts, in their own chunk with the chart library (Fluent UI charts and its
 * d3 parts): the rest of the portal never downloads it.
 */
import { DonutChart, VerticalStackedBarChart } from '@fluentui/react-charts';
import { makeStyles } from '@fluentui/react-components';
import type { Overview } from '../../../contracts/portal';
import type { PortalCatalog } from '../../../i18n/portal';

/** One colour per category, the same as the badges' families (green, amber, red, purple). */
export const CATEGORY_COLORS = { notJunk: '#107c10', spam: '#b57200', phishing: '#c50f1f', malware: '#7a3dbf' } as const;
const CATEGORIES = ['notJunk', 'spam', 'phishing', 'malware'] as const;

/** The chart library capitalises legends ("Not Junk"); the catalog's own casing is right in every language. */
const useLegendStyles = makeStyles({ legend: { textTransform: 'none' } });

export function ReportsPerDayChart({ overview, t, locale }: { overview: Overview; t: PortalCatalog; locale: string }) {
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const data = overview.reportsPerDay.map((row) => ({
    xAxisPoint: day.format(new Date(`${row.date}T00:00:00Z`)),
    chartData: CATEGORIES.map((c) => ({ legend: t.categories[c], data: row[c], color: CATEGORY_COLORS[c] })),
  }));
  const legend = useLegendStyles();
  return (
    <VerticalStackedBarChart
      data={data}
      height={260}
      chartTitle={t.overview.reportsPerDay}
      barWidth="auto"
      maxBarWidth={24}
      hideLabels
      culture={locale}
      legendProps={{ styles: { legend: legend.legend } }}
    />
  );
}

export function OpenReviewedChart({ overview, t, locale }: { overview: Overview; t: PortalCatalog; locale: string }) {
  const legend = useLegendStyles();
  const data = {
    chartData: [
      { legend: t.overview.open, data: overview.open, color: '#0f6cbd' },
      { legend: t.overview.reviewed, data: overview.reviewed, color: '#8a8886' },
    ],
  };
  return (
    <DonutChart
      data={data}
      innerRadius={52}
      height={220}
      valueInsideDonut={overview.open + overview.reviewed}
      culture={locale}
      hideLabels
      legendProps={{ styles: { legend: legend.legend } }}
    />
  );
}
