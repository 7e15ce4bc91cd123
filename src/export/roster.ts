/** One person expected to watch: matched to viewers by userid; name and department are shown. */
export interface RosterMember {
  userid: string;
  name: string;
  department: string;
}

/** A roster that cannot be used, with the reason in words a person can act on. */
export class RosterError extends Error {
  override name = 'RosterError';
}

/** Limits for rosters from a stranger's upload; the CLI reads local files without them. */
export interface RosterLimits {
  /** Members at most (rows after the header). */
  maxMembers?: number;
  /** What an xlsx may unpack to, in bytes (see checkZipBudget). */
  maxUnzippedBytes?: number;
}

// Headers recognised in either language; without a header row the columns are taken in this order.
const HEADERS: Record<keyof RosterMember, readonly string[]> = {
  userid: ['userid', 'user id', 'id', '账号', '成员账号', '用户id'],
  name: ['name', '姓名', '名字'],
  department: ['department', 'dept', '部门'],
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
// An old binary Excel file (Compound File Binary), which neither reader can open.
const XLS_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);

/**
 * Reads a roster from the bytes of a file: xlsx (the first sheet; told by its zip signature,
 * whatever the file is called) or CSV in UTF-8 (BOM or not), with the columns userid,
 * optional name and optional department, by header (English or Chinese) or, without a
 * header row, in that order. Duplicate userids keep their first row. `livestat report
 * --roster` and the dashboard's attendance both read rosters here.
 *
 * @throws {RosterError} when the file is not a roster that can be read, or lists no userid.
 * @example
 * const members = await parseRoster(new TextEncoder().encode('userid,name\nlisi,李四\n'));
 */
export async function parseRoster(bytes: Uint8Array, limits: RosterLimits = {}): Promise<RosterMember[]> {
  if (startsWith(bytes, XLS_MAGIC)) throw new RosterError('an old .xls workbook: save it as .xlsx or as CSV (UTF-8)');
  const rows = startsWith(bytes, ZIP_MAGIC) ? await xlsxRows(bytes, limits.maxUnzippedBytes) : await csvRows(bytes);
  return rosterFromRows(rows, limits.maxMembers);
}

/** The members of a table's rows: header detection, trimming, first row per userid. */
function rosterFromRows(rows: readonly (readonly string[])[], maxMembers = Infinity): RosterMember[] {
  const first = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const find = (key: keyof RosterMember): number => first.findIndex((h) => HEADERS[key].includes(h));
  const hasHeader = find('userid') >= 0;
  // Known headers but none for userid: the names would be taken for userids.
  if (!hasHeader && (find('name') >= 0 || find('department') >= 0)) throw new RosterError('its header row has no userid column (userid, id or 账号)');
  const at = hasHeader ? { userid: find('userid'), name: find('name'), department: find('department') } : { userid: 0, name: 1, department: 2 };
  const seen = new Set<string>();
  const members: RosterMember[] = [];
  for (const row of hasHeader ? rows.slice(1) : rows) {
    const userid = (row[at.userid] ?? '').trim();
    if (!userid || seen.has(userid)) continue;
    if (members.length >= maxMembers) throw new RosterError(`more than ${maxMembers.toLocaleString('en-US')} members`);
    seen.add(userid);
    members.push({ userid, name: (at.name >= 0 ? row[at.name] : '')?.trim() ?? '', department: (at.department >= 0 ? row[at.department] : '')?.trim() ?? '' });
  }
  if (members.length === 0) throw new RosterError('it lists no userid (a column headed userid, or userids in the first column)');
  return members;
}

async function csvRows(bytes: Uint8Array): Promise<string[][]> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Excel's plain "CSV" on a Chinese system is GBK; guessing an encoding would garble names.
    throw new RosterError('not UTF-8 text: save the CSV as "CSV UTF-8", or send the .xlsx');
  }
  const { parse } = await import('csv-parse/sync');
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (err) {
    throw new RosterError(`not a CSV that can be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function xlsxRows(bytes: Uint8Array, maxUnzipped: number | undefined): Promise<string[][]> {
  const { checkZipBudget } = await import('./zip-budget.js');
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    if (maxUnzipped !== undefined) checkZipBudget(bytes, maxUnzipped);
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    throw new RosterError(err instanceof Error && err.message.startsWith('the workbook') ? err.message : `not an xlsx that can be read (${err instanceof Error ? err.message : String(err)})`);
  }
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
