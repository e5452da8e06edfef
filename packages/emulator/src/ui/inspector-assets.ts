/**
 * Where the inspector's built files come from. The emulator's handler serves them without knowing
 * where they are, so it runs where there is no file system (msw in a browser), which then has none.
 */
export interface InspectorAssets {
  /** Where the files are looked for, for the message that says they are missing. */
  readonly location: string;
  /** Whether there is a build to serve (its `index.html`). */
  built(): Promise<boolean>;
  /** The file at `path` (segments checked by `assetPathOf`), or undefined when there is none. */
  read(path: readonly string[]): Promise<Uint8Array<ArrayBuffer> | undefined>;
}
