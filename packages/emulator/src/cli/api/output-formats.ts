import { painter, wantsColor } from '../colors.js';
import { columnLines, tsvLine } from '../text-table.js';
import type { CliLogger } from './cli-logger.js';

// The twilio CLI's output formats (`-o`): `columns` (a table of the chosen properties), `tsv` (the same,
// tab-separated) and `json` (every property, always as an array). `none` prints nothing.

export const outputFormats = ['columns', 'json', 'tsv', 'none'] as const;
export type OutputFormat = (typeof outputFormats)[number];

type Row = Record<string, unknown>;

/** "Thu Jan 01 2026 10:00:00 GMT+0000 (Coordinated Universal Time)" → "Jan 01 2026 10:00:00 GMT+0000". */
function shownDate(date: Date): string {
  return date.toString().slice(4, 33);
}

function shownValue(value: unknown): unknown {
  if (value instanceof Date) return shownDate(value);
  return typeof value === 'object' ? JSON.stringify(value) : value;
}

/** Only the `--properties` asked for; a name no row has is warned about once. */
function limitedRows(rows: Row[], properties: string, logger: CliLogger): Row[] {
  const names = properties.split(',').map((name) => name.trim());
  const unknown = new Set<string>();
  const limited = rows.map((row) => {
    const kept: Row = {};
    for (const name of names) {
      if (row[name] === undefined) unknown.add(name);
      else kept[name] = shownValue(row[name]);
    }
    return kept;
  });
  for (const name of unknown) logger.warn(`"${name}" is not a valid property name.`);
  return limited;
}

/** `uniqueName` → "Unique Name", `sid` → "SID", `url` → "URL" (bold on a terminal). */
function heading(property: string): string {
  const upper = new Set(['Id', 'Sid', 'Iso', 'Sms', 'Url']);
  const words = property
    .replace(/([A-Z])/g, ' $1')
    .trim()
    .replace(/^[a-z]/, (first) => first.toUpperCase())
    .split(' ')
    .map((word) => (upper.has(word) ? word.toUpperCase() : word))
    .join(' ');
  return painter(wantsColor(process.stdout))('bold', words);
}

/** Columns two spaces apart, each as wide as its widest cell (padded, as the twilio CLI's columnify pads). */
function columns(rows: Row[], showHeaders: boolean): string {
  const keys = Object.keys(rows[0] ?? {});
  const cells = rows.map((row) => keys.map((key) => (row[key] == null ? '' : String(row[key]))));
  const table = showHeaders ? [keys.map(heading), ...cells] : cells;
  return columnLines(table).join('\n');
}

function tsv(rows: Row[], showHeaders: boolean): string {
  const keys = Object.keys(rows[0] ?? {});
  const lines = rows.map((row) => tsvLine(keys.map((key) => (row[key] == null ? '' : String(row[key])))));
  return (showHeaders ? [tsvLine(keys), ...lines] : lines).join('\n');
}

export interface OutputOptions {
  format: OutputFormat;
  properties?: string;
  showHeaders: boolean;
}

/** Prints a response (one resource, or a list's items) as the twilio CLI does; "No results" for none. */
export function printOutput(data: unknown, options: OutputOptions, logger: CliLogger): void {
  if (options.format === 'none') return;
  const rows = (Array.isArray(data) ? data : [data]) as Row[];
  if (rows.length === 0) {
    logger.info('No results');
    return;
  }
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const limited = options.properties === undefined ? rows : limitedRows(rows, options.properties, logger);
  const text =
    options.format === 'tsv' ? tsv(limited, options.showHeaders) : columns(limited, options.showHeaders);
  process.stdout.write(`${text}\n`);
}
