/**
 * The file a path under `/_roomlab/ui/` names, as segments relative to the inspector's directory, or
 * undefined when it could name anything outside it. The URL parser has already resolved `.` and `..`
 * (and their `%2e` forms); what is left is refused when a decoded segment could still climb out or
 * switch roots: `..`, a separator (`%2f`, `%5c`), a drive or NUL, a hidden name, an empty segment.
 * Only the page and its assets live there, so nothing a browser asks for is refused wrongly.
 */
export function assetPathOf(rest: string): string[] | undefined {
  if (rest === '') return ['index.html'];
  const segments: string[] = [];
  for (const raw of rest.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (!safeSegment(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
const unsafe = /[/\\:\u0000-\u001f\u007f]/;

const safeSegment = (segment: string) =>
  segment !== '' && !segment.startsWith('.') && !unsafe.test(segment) && segment.length <= 255;
