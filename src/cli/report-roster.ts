import { readFile } from 'node:fs/promises';
import { ReportUsageError } from './report-options.js';

/** One person the report expects to watch. */
export interface RosterMember {
  userid: string;
  name: string;
  department: string;
}

// Headers recognised in either language; without a header row the columns are taken in this order.
const HEADERS: Record<keyof RosterMember, readonly string[]> = {
  userid: ['userid', 'user id', 'id', '账号', '成员账号', '用户id'],
  name: ['name', '姓名', '名字'],
  department: ['department', 'dept', '部门'],
};

/**
 * Reads a roster: CSV (UTF-8, BOM or not) or xlsx (the first sheet), with the columns
 * userid, optional name and optional department. Duplicate userids keep their first row.
 *
 * @throws {ReportUsageError} when the file cannot be read or has no userids.
 */
export async function readRoster(path: string): Promise<RosterMember[]> {
  let rows: string[][];
  try {
    rows = path.toLowerCase().endsWith('.xlsx') ? await xlsxRows(path) : await csvRows(path);
  } catch (err) {
    throw new ReportUsageError(`cannot read roster ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const first = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const find = (key: keyof RosterMember): number => first.findIndex((h) => HEADERS[key].includes(h));
  const hasHeader = find('userid') >= 0;
  const at = hasHeader ? { userid: find('userid'), name: find('name'), department: find('department') } : { userid: 0, name: 1, department: 2 };
  const seen = new Set<string>();
  const members: RosterMember[] = [];
  for (const row of hasHeader ? rows.slice(1) : rows) {
    const userid = (row[at.userid] ?? '').trim();
    if (!userid || seen.has(userid)) continue;
    seen.add(userid);
    members.push({ userid, name: (at.name >= 0 ? row[at.name] : '')?.trim() ?? '', department: (at.department >= 0 ? row[at.department] : '')?.trim() ?? '' });
  }
  if (members.length === 0) throw new ReportUsageError(`roster ${path} lists no userid`);
  return members;
}

async function csvRows(path: string): Promise<string[][]> {
  const { parse } = await import('csv-parse/sync');
  return parse(await readFile(path, 'utf8'), { bom: true, relax_column_count: true, skip_empty_lines: true });
}

async function xlsxRows(path: string): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    // Filled by column number: a column eachCell does not visit stays a hole.
    const cells: (string | undefined)[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text;
    });
    rows.push(Array.from(cells, (c) => c ?? ''));
  });
  return rows;
}
