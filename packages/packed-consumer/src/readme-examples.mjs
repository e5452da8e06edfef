// Which code blocks of a README are complete files, and under which names. The rule (see README.md):
// - a ```ts/```js block after a sentence saying "This is `path`" (with no other block between) is the
//   file at that path: `packages/testing/README.md` presents its test files so;
// - inside a ```ts/```js block, a line that is only a comment naming a file (`// examples/x.mjs`,
//   optionally followed by a parenthesis: `// examples/x.mjs (run: node examples/x.mjs)`) starts that
//   file, which runs to the next such line or the end of the block.
// Every other block is a fragment (it uses names it does not define) and is not extracted.

const FENCE = /```(ts|js|tsx|mjs)\n([\s\S]*?)```/g;
const THIS_IS = /This is `([\w./-]+\.(?:ts|mts|js|mjs))`[^`]*$/;
const FILE_COMMENT = /^\/\/ ([\w./-]+\.(?:ts|mts|js|mjs))(?: \(.*\))?$/;

/**
 * @typedef {{ path: string, code: string }} ExampleFile
 * @param {string} markdown
 * @returns {ExampleFile[]}
 */
export function readmeExamples(markdown) {
  const files = [];
  let previousEnd = 0;
  for (const match of markdown.matchAll(FENCE)) {
    const before = markdown.slice(previousEnd, match.index);
    previousEnd = (match.index ?? 0) + match[0].length;
    const code = match[2] ?? '';
    const named = THIS_IS.exec(before.trimEnd().replace(/:$/, ''))?.[1];
    if (named) files.push({ path: named, code });
    else files.push(...filesByComment(code));
  }
  return files;
}

/** @param {string} code @returns {ExampleFile[]} */
function filesByComment(code) {
  /** @type {{ path: string, lines: string[] }[]} */
  const files = [];
  for (const line of code.split('\n')) {
    const path = FILE_COMMENT.exec(line)?.[1];
    const current = files.at(-1);
    if (path) files.push({ path, lines: [] });
    else if (current) current.lines.push(line);
  }
  return files.map(({ path, lines }) => ({ path, code: `${lines.join('\n').trim()}\n` }));
}
