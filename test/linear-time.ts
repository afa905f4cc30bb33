/**
 * Runs `run` on each adversarial input and returns the inputs that took longer than `limitMs`,
 * with their times: an empty list means every input ran in time.
 */
export function slowInputs(inputs: Readonly<Record<string, string>>, run: (input: string) => unknown, limitMs = 100): string[] {
  const slow: string[] = [];
  for (const [name, input] of Object.entries(inputs)) {
    const started = performance.now();
    run(input);
    const elapsed = performance.now() - started;
    if (elapsed > limitMs) slow.push(`${name}: ${elapsed.toFixed(0)} ms`);
  }
  return slow;
}
