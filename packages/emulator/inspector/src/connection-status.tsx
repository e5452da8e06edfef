import { useInspectorData } from './inspector-context.js';

const words = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…' } as const;

/** Whether the page is following the emulator live, and the last thing that failed to load. */
export function ConnectionStatus() {
  const { connection, problem } = useInspectorData();
  return (
    <p className="connection" role="status">
      <span className={`dot ${connection}`} aria-hidden="true" />{' '}
      <span id="connection">{words[connection]}</span>
      {problem && <span className="problem"> · {problem}</span>}
    </p>
  );
}
