// Preloaded into each benchmark child (`node --import ./bench/resource-probe.mjs ...`): at exit, writes the
// process's peak resident set size (process.resourceUsage().maxRSS, in kilobytes) and its CPU time
// (user and system, in microseconds, all threads) as JSON to the file named by
// PERSONA_BENCH_RSS_FILE. It measures the Node process itself, not the git processes it starts.
import { writeFileSync } from 'node:fs';

const file = process.env.PERSONA_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
      writeFileSync(file, JSON.stringify({ maxRSS, userCPUTime, systemCPUTime }));
    } catch {
      // The parent reports a missing figure; a benchmark child never fails for it.
    }
  });
}
