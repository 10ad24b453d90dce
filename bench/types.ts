/** One measured figure. `target` and `pass` are present when the figure has a speed target. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: { op: '>=' | '<='; value: number };
  pass?: boolean;
  note?: string;
}
export type Bench = () => Promise<BenchResult[]>;
