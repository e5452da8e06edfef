import { useLocalDataTrack, useLocalParticipant, useRoomMessages } from '@roomlab/react-hooks';
import { useState } from 'react';
import { LocalDataTrack, type LocalParticipant, type RemoteParticipant } from 'twilio-video';

const makeChannel = () => new LocalDataTrack({ name: 'chat' });

interface Line {
  key: string;
  from: string;
  text: string;
  at: number;
}

/** Chat over a data track this participant publishes; everyone else's lines come over theirs. */
export function Chat() {
  const local = useLocalParticipant<LocalParticipant>();
  const channel = useLocalDataTrack(local, makeChannel);
  const received = useRoomMessages<RemoteParticipant>();
  const [sent, setSent] = useState<Line[]>([]);
  const [text, setText] = useState('');
  const lines = [
    ...sent,
    ...received.map((message, index) => ({
      key: `in-${index}-${message.receivedAt}`,
      from: message.participant?.identity ?? '?',
      text: String(message.data),
      at: message.receivedAt,
    })),
  ].sort((a, b) => a.at - b.at);
  return (
    <section className="chat">
      <ul id="chat-log">
        {lines.map((line) => (
          <li key={line.key}>
            <strong>{line.from}:</strong> {line.text}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!text || !channel.send(text)) return;
          setSent((lines) => [...lines, { key: `out-${lines.length}`, from: 'you', text, at: Date.now() }]);
          setText('');
        }}
      >
        <input
          aria-label="Message"
          placeholder="Say something"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" disabled={!channel.ready}>
          Send
        </button>
      </form>
      {channel.error && <p role="alert">{channel.error.message}</p>}
    </section>
  );
}
