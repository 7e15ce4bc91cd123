import { cpus, totalmem } from 'node:os';

/** One benchmark's outcome: a markdown table and notes. */
export interface BenchResult {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes: string[];
}

export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return 'n/a';
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(digits);
}

export function table(r: BenchResult): string {
  const head = `| ${r.columns.join(' | ')} |\n|${r.columns.map(() => '---').join('|')}|`;
  const body = r.rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
  const notes = r.notes.map((n) => `- ${n}`).join('\n');
  return `### ${r.title}\n\n${head}\n${body}\n${notes ? `\n${notes}\n` : ''}`;
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}
