// The one table layout both kinds of command print: the api:* commands (as the twilio CLI prints) and
// roomlab's own control commands.

// biome-ignore lint/suspicious/noControlCharactersInRegex: a colour escape takes no room on the screen
const escapes = /\u001b\[\d+m/g;

/** How many columns `text` takes on a terminal: its colour escapes take none. */
export const visibleLength = (text: string) => text.replace(escapes, '').length;

/** Rows of cells as lines, columns two spaces apart, each padded to its widest cell. */
export function columnLines(table: readonly string[][]): string[] {
  const count = Math.max(0, ...table.map((line) => line.length));
  const widths = Array.from({ length: count }, (_, column) =>
    Math.max(...table.map((line) => visibleLength(line[column] ?? ''))),
  );
  return table.map((line) =>
    line.map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - visibleLength(cell))).join('  '),
  );
}

/** One line of tab-separated values: a tab or line break inside a value would split it, so it is a space. */
export const tsvLine = (cells: readonly string[]) =>
  cells.map((cell) => cell.replace(/[\t\r\n]+/g, ' ')).join('\t');
