import type { CapturedWebhook, WebhookCapture } from './webhook-capture.js';

/** What `toHaveParticipant` reads: a `twilio` room context, e.g. `client.video.v1.rooms('standup')`. */
export interface RoomWithParticipants {
  participants: { list(): Promise<{ identity: string; status: string }[]> };
}

interface MatcherResult {
  pass: boolean;
  message(): string;
}

const describeWebhooks = (received: readonly CapturedWebhook[]) =>
  received.map((webhook) => webhook.event ?? '?').join(', ') || 'none';

/**
 * Matchers for vitest's or jest's `expect.extend`:
 * `await expect(client.video.v1.rooms('standup')).toHaveParticipant('alice')` and
 * `expect(capture).toHaveReceivedWebhook('room-ended', { RoomName: 'standup' })`.
 */
export const roomlabMatchers = {
  async toHaveParticipant(received: RoomWithParticipants, identity: string): Promise<MatcherResult> {
    const connected = (await received.participants.list()).filter(
      (participant) => participant.status === 'connected',
    );
    const pass = connected.some((participant) => participant.identity === identity);
    const names = connected.map((participant) => participant.identity).join(', ') || 'nobody';
    return {
      pass,
      message: () =>
        pass
          ? `expected ${identity} not to be connected to the room`
          : `expected ${identity} to be connected to the room; connected: ${names}`,
    };
  },
  toHaveReceivedWebhook(
    received: WebhookCapture,
    event: string,
    params: Record<string, string> = {},
  ): MatcherResult {
    const pass = received.received.some(
      (webhook) =>
        webhook.event === event &&
        Object.entries(params).every(([name, value]) => webhook.params[name] === value),
    );
    const wanted = Object.keys(params).length > 0 ? `${event} with ${JSON.stringify(params)}` : event;
    return {
      pass,
      message: () =>
        pass
          ? `expected no ${wanted} webhook`
          : `expected a ${wanted} webhook; received: ${describeWebhooks(received.received)}`,
    };
  },
};

/** Adds roomlab's matchers to an `expect` (vitest's or jest's). */
export function installMatchers(expect: { extend(matchers: Record<string, unknown>): void }): void {
  expect.extend(roomlabMatchers);
}
