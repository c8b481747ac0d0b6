/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell a spreadsheet could read as a formula
 * gets a leading `'` (papaparse then quotes it). A cell is dangerous if any of its lines starts with
 * `= + - @`, a tab, CR or NUL, or the full-width `＝ ＋ － ＠` some spreadsheets also accept — papaparse's
 * own `escapeFormulae: true` misses values that contain a newline, so this check is ours. Numbers are
 * written as numbers and never pass through here.
 */
const DANGEROUS_START = /^[=+\-@\t\r\0＝＋－＠]/;
const DANGEROUS_LINE = /[\r\n][=+\-@\t\0＝＋－＠]/;

export function isDangerousCell(value: string): boolean {
  return DANGEROUS_START.test(value) || DANGEROUS_LINE.test(value);
}

/** The cell as it is safe to write: prefixed with `'` when a spreadsheet could run it. */
export function neutraliseFormula(value: string): string {
  return isDangerousCell(value) ? `'${value}` : value;
}
