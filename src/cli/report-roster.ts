import { readFile } from 'node:fs/promises';
import { RosterError, parseRoster, type RosterMember } from '../export/roster.js';
import { ReportUsageError } from './report-options.js';

export type { RosterMember } from '../export/roster.js';

/**
 * Reads `--roster`: CSV (UTF-8) or xlsx of userid, optional name and department, as the
 * dashboard's attendance reads an uploaded one (src/export/roster.ts).
 *
 * @throws {ReportUsageError} when the file cannot be read or has no userids.
 */
export async function readRoster(path: string): Promise<RosterMember[]> {
  try {
    return await parseRoster(await readFile(path));
  } catch (err) {
    if (err instanceof RosterError) throw new ReportUsageError(`roster ${path}: ${err.message}`);
    throw new ReportUsageError(`cannot read roster ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
