// How the bench prints: markdown tables, label first (left-aligned), figures right-aligned.
import { cpus, loadavg } from 'node:os';

export const num = (value, digits = 0) => value.toFixed(digits);

export const table = (header, rows) => {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const pad = (cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]));
  const line = (cells) => `| ${cells.map(pad).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `| ${widths.map((width, i) => (i === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`,
  );
  for (const row of rows) console.log(line(row));
};

/** The machine, and how busy it is already: other work on a shared machine moves every figure. */
export const machine = () =>
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, load average ` +
  `${loadavg()
    .map((load) => load.toFixed(2))
    .join(' / ')} (1 / 5 / 15 min)`;
