/**
 * Background work that runs now and then again `seconds` after each run ends, so runs never
 * overlap (the mail sender, the bulk release jobs). A failed run is handed to `onError` and the
 * next one comes at the interval. Stopping clears the timer and waits for `halt`, which lets the
 * run under way finish its step.
 */
export function repeatAfterEachRun(seconds: number, run: () => Promise<void>, onError: (error: unknown) => void, halt: () => Promise<void>): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const next = () => {
    run()
      .catch(onError)
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(next, seconds * 1000);
        timer.unref();
      });
  };
  next();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await halt();
  };
}
