/** Counts of ESLint results: files, files' parse errors, and rule problems. */
export function summarize(results) {
  let parseErrors = 0;
  let problems = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) parseErrors++;
      else if (message.ruleId) problems++;
    }
  }
  return { files: results.length, parseErrors, problems };
}
