/**
 * A link to roomlab's inspector (the emulator's `/_roomlab/ui/`, a roomlab extension): the demo's server
 * redirects `/inspector` there, as only it knows where the emulator listens. It opens in a new tab, so
 * following it never leaves a call.
 */
export function InspectorLink() {
  return (
    <a className="inspector-link" href="/inspector" target="_blank" rel="noreferrer">
      Inspector
    </a>
  );
}
