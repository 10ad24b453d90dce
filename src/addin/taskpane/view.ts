/** Which view of the task pane a page address asks for: `taskpane.html?view=quarantine` is "My quarantine". */
export type PaneView = 'report' | 'quarantine';

export function viewOf(search: string): PaneView {
  return new URLSearchParams(search).get('view') === 'quarantine' ? 'quarantine' : 'report';
}
