import type { ReactElement } from 'react';
import { duration, timeOfDay } from './time-format.js';
import type { MarkKind, TimelineLayout, TimelineMark } from './timeline-layout.js';

const width = 760;
const gutter = 110;
const rowHeight = 26;
const axisHeight = 26;
/** The first and last time labels sit inside the picture, not half outside it. */
const tickAnchors = ['start', 'middle', 'middle', 'middle', 'end'] as const;

/** A mark's shape: joins and leaves are circles, publications triangles, the room and webhooks squares. */
function Mark({ mark, x, y }: { mark: TimelineMark; x: number; y: number }) {
  const className = `mark ${mark.kind}${mark.state ? ` ${mark.state}` : ''}`;
  const shape: Record<MarkKind, ReactElement> = {
    join: <circle cx={x} cy={y} r={6} />,
    leave: <circle cx={x} cy={y} r={6} className="hollow" />,
    publish: <path d={`M${x - 6},${y + 5} L${x},${y - 6} L${x + 6},${y + 5} Z`} />,
    unpublish: <path d={`M${x - 6},${y - 5} L${x},${y + 6} L${x + 6},${y - 5} Z`} />,
    room: <rect x={x - 5} y={y - 5} width={10} height={10} />,
    webhook: <rect x={x - 5} y={y - 5} width={10} height={10} transform={`rotate(45 ${x} ${y})`} />,
  };
  return (
    <g className={className} data-mark={mark.label}>
      <title>{`${timeOfDay(mark.at)} ${mark.label}`}</title>
      {shape[mark.kind]}
    </g>
  );
}

/**
 * A room's timeline as a picture: a row per participant (a bar while it was in the room), its joins,
 * leaves and publications, and the room's webhooks, on the emulator's time axis. The same marks are
 * listed as text beneath, for whoever does not see the picture.
 */
export function RoomTimeline({ layout, roomName }: { layout: TimelineLayout; roomName: string }) {
  const span = layout.end - layout.start;
  const x = (at: number) => gutter + ((at - layout.start) / span) * (width - gutter - 16);
  const rowIndex = new Map(layout.rows.map((row, index) => [row.id, index]));
  const y = (rowId: string) => (rowIndex.get(rowId) ?? 0) * rowHeight + rowHeight / 2;
  const height = layout.rows.length * rowHeight + axisHeight;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => layout.start + share * span);
  return (
    <figure className="timeline">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Timeline of room ${roomName}: ${layout.marks.length} events over ${duration(span)}`}
      >
        {layout.rows.map((row) => (
          <g key={row.id} className="row">
            <text x={4} y={y(row.id) + 4}>
              {row.label}
            </text>
            <line x1={gutter} x2={width - 16} y1={y(row.id)} y2={y(row.id)} className="guide" />
            {row.span && (
              <line
                x1={x(row.span.from)}
                x2={x(row.span.to)}
                y1={y(row.id)}
                y2={y(row.id)}
                className="presence"
              />
            )}
          </g>
        ))}
        {layout.marks.map((mark) => (
          <Mark key={mark.id} mark={mark} x={x(mark.at)} y={y(mark.row)} />
        ))}
        {ticks.map((at, index) => (
          <text key={at} x={x(at)} y={height - 6} className="tick" textAnchor={tickAnchors[index]}>
            {timeOfDay(at)}
          </text>
        ))}
      </svg>
      <details>
        <summary>Timeline of {roomName} as a list</summary>
        <ol>
          {[...layout.marks]
            .sort((a, b) => a.at - b.at)
            .map((mark) => (
              <li key={mark.id}>
                <time>{timeOfDay(mark.at)}</time> {mark.label}
              </li>
            ))}
        </ol>
      </details>
    </figure>
  );
}
