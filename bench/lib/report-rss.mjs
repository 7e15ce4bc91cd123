// Preloaded into a CLI run (node --import) to report its peak RSS (KiB) when it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.LIVESTAT_RSS_FILE) writeFileSync(process.env.LIVESTAT_RSS_FILE, String(process.resourceUsage().maxRSS));
});
