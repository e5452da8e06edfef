import { type Command, Option } from 'commander';
import { columnLines, tsvLine } from './text-table.js';

/** The twilio CLI's output formats: `columns` (the default, for people), `json` and `tsv` (for scripts). */
export const outputFormats = ['columns', 'json', 'tsv'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** Adds `-o, --output`; commander refuses any other format (exit 2). */
export function withOutputOption(command: Command): Command {
  return command.addOption(
    new Option('-o, --output <format>', 'how to print: columns, json or tsv')
      .choices(outputFormats)
      .default('columns'),
  );
}

export interface Column<Row> {
  heading: string;
  value(row: Row): string;
}

/** Columns padded to their widest cell, two spaces apart (`columns`), or tab-separated (`tsv`). */
export function formatTable<Row>(
  columns: Column<Row>[],
  rows: readonly Row[],
  format: Exclude<OutputFormat, 'json'>,
): string {
  const cells = [
    columns.map((column) => column.heading),
    ...rows.map((row) => columns.map((c) => c.value(row))),
  ];
  if (format === 'tsv') return `${cells.map(tsvLine).join('\n')}\n`;
  return `${columnLines(cells)
    .map((line) => line.trimEnd())
    .join('\n')}\n`;
}

/** What a list command prints: its JSON, or its table. */
export function formatList<Row>(
  columns: Column<Row>[],
  rows: readonly Row[],
  format: OutputFormat,
  data: unknown = rows,
): string {
  return format === 'json' ? `${JSON.stringify(data, null, 2)}\n` : formatTable(columns, rows, format);
}
