/**
 * Cursor paging: the server hands out an opaque cursor for the next page; going back walks a
 * stack of the cursors that led here. The cursor is in the address, so a page is a link.
 */
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronLeft20Regular, ChevronRight20Regular } from '@fluentui/react-icons';
import { useCallback, useRef } from 'react';
import { usePortal } from '../app/context';

const useStyles = makeStyles({
  pager: { display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM },
  page: { color: tokens.colorNeutralForeground3, minWidth: '64px', textAlign: 'center' },
});

/** The stack of cursors behind the current page; reset when the filters change. */
export function useCursorStack(cursor: string | undefined, filtersKey: string) {
  const stack = useRef<Array<string | undefined>>([]);
  const key = useRef(filtersKey);
  if (key.current !== filtersKey) {
    key.current = filtersKey;
    stack.current = [];
  }
  const next = useCallback((nextCursor: string) => {
    stack.current.push(cursor);
    return nextCursor;
  }, [cursor]);
  const previous = useCallback(() => (stack.current.length > 0 ? stack.current.pop() : undefined), []);
  return { next, previous, page: stack.current.length + (cursor && stack.current.length === 0 ? 2 : 1), hasPrevious: cursor !== undefined };
}

export function Pager({ page, hasPrevious, nextCursor, onPrevious, onNext }: { page: number; hasPrevious: boolean; nextCursor: string | null | undefined; onPrevious(): void; onNext(cursor: string): void }) {
  const styles = useStyles();
  const { t } = usePortal();
  if (!hasPrevious && !nextCursor) return null;
  return (
    <nav className={styles.pager} aria-label={t.common.pageOf(page)}>
      <Button appearance="subtle" icon={<ChevronLeft20Regular />} disabled={!hasPrevious} onClick={onPrevious}>
        {t.common.previousPage}
      </Button>
      <Caption1 className={styles.page}>{t.common.pageOf(page)}</Caption1>
      <Button appearance="subtle" icon={<ChevronRight20Regular />} iconPosition="after" disabled={!nextCursor} onClick={() => nextCursor && onNext(nextCursor)} data-testid="next-page">
        {t.common.nextPage}
      </Button>
    </nav>
  );
}
