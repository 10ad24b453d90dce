// Prints one plain closing line, "tests: N passed, N failed, N skipped", after Jest's own
// summary, so anything reading the run's output gets the counts without parsing Jest's table.
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`,
    );
  }
}
module.exports = PlainSummaryReporter;
