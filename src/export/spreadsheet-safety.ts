/**
 * Formula injection (OWASP "CSV Injection", CWE-1236): a spreadsheet runs a cell that starts
 * with `=`, `+`, `-` or `@` as a formula, and some also after a leading tab, CR or LF. WeChat
 * nicknames and ids are chosen by outsiders, so every text cell livestat writes passes here.
 * Full-width ＝＋－＠ are included: CJK input methods type them, and WPS and Excel's East
 * Asian builds may read them as their ASCII forms. Leading white space does not hide a
 * trigger (LibreOffice can trim it on import).
 */
const FORMULA_START = /^[\s\u0000\u200b\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n\u0000]/u;

/** True when a spreadsheet could read `text` as a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * The text as a CSV cell that no spreadsheet evaluates: an apostrophe in front of a cell that
 * could start a formula (Excel, WPS and LibreOffice all treat a leading `'` as "this is
 * text"), every other cell unchanged. xlsx needs no such prefix: its cells are written with
 * the string type, which no spreadsheet evaluates.
 *
 * @example
 * neutralizeFormula('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 * neutralizeFormula('万强') // '万强'
 */
export function neutralizeFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
