/** Every header field of the report, decoded, in order, with a filter by name or value. */
import { Body1, SearchBox, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { HeaderField } from '../../../contracts/submissions';
import { usePortal } from '../../app/context';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  search: { maxWidth: '320px' },
  table: { tableLayout: 'fixed', width: '100%' },
  nameCol: { width: '240px' },
  name: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, wordBreak: 'break-all' },
  value: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre-wrap', wordBreak: 'break-all' },
});

export function HeadersTable({ headers }: { headers: readonly HeaderField[] }) {
  const styles = useStyles();
  const { t } = usePortal();
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle ? headers.filter((h) => h.name.toLowerCase().includes(needle) || h.value.toLowerCase().includes(needle)) : headers;
  }, [headers, filter]);
  if (headers.length === 0) return <Body1>{t.detail.headersEmpty}</Body1>;
  return (
    <div className={styles.root} data-testid="headers">
      <SearchBox className={styles.search} aria-label={t.detail.headerFilter} placeholder={t.detail.headerFilter} value={filter} onChange={(_e, data) => setFilter(data.value)} />
      <Table className={styles.table} size="small" aria-label={t.detail.tabs.headers}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.nameCol}>{t.detail.headerName}</TableHeaderCell>
            <TableHeaderCell>{t.detail.headerValue}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((h, i) => (
            <TableRow key={i}>
              <TableCell>
                <span className={styles.name}>{h.name}</span>
              </TableCell>
              <TableCell>
                <span className={styles.value}>{h.value}</span>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
