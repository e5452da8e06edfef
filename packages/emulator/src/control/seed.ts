import type { Engine } from '@roomlab/core';
import { TwilioError } from '@roomlab/core';
import { z } from 'zod';

/**
 * A fixture to seed the emulator with: accounts (new or existing), their API keys, and rooms with
 * participants and tracks. It is applied through the engine's own operations, so every event fires
 * (and status callbacks go out) as if clients had done it.
 */
const sid = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}[0-9a-f]{32}$`), `must be ${prefix} + 32 hex digits`);

const trackSchema = z.strictObject({
  kind: z.enum(['audio', 'video', 'data']),
  name: z.string().max(128).optional(),
  enabled: z.boolean().optional(),
});

const participantSchema = z.strictObject({
  identity: z.string().min(1).max(128),
  tracks: z.array(trackSchema).max(50).optional(),
});

const roomSchema = z.strictObject({
  uniqueName: z.string().max(128).optional(),
  type: z.string().optional(),
  statusCallback: z.string().optional(),
  statusCallbackMethod: z.string().optional(),
  maxParticipants: z.number().int().optional(),
  maxParticipantDuration: z.number().int().optional(),
  emptyRoomTimeout: z.number().int().optional(),
  unusedRoomTimeout: z.number().int().optional(),
  audioOnly: z.boolean().optional(),
  largeRoom: z.boolean().optional(),
  mediaRegion: z.string().optional(),
  videoCodecs: z.array(z.string()).optional(),
  recordParticipantsOnConnect: z.boolean().optional(),
  participants: z.array(participantSchema).max(1000).optional(),
  /** `completed` ends the room once it is seeded. */
  status: z.enum(['in-progress', 'completed']).optional(),
});

export const seedSchema = z.strictObject({
  accounts: z
    .array(
      z.strictObject({
        sid: sid('AC').optional(),
        authToken: z.string().min(1).max(256).optional(),
        apiKeys: z
          .array(z.strictObject({ sid: sid('SK').optional(), secret: z.string().min(1).max(256).optional() }))
          .optional(),
        rooms: z.array(roomSchema).max(1000).optional(),
      }),
    )
    .max(100),
});

export type SeedFixture = z.infer<typeof seedSchema>;

export interface SeedResult {
  accounts: {
    sid: string;
    rooms: { sid: string; uniqueName: string; participants: { sid: string; identity: string }[] }[];
  }[];
}

/** Applies a fixture, all or nothing: on any error the engine is put back as it was and the error thrown. */
export function seedEngine(engine: Engine, input: unknown): SeedResult {
  const parsed = seedSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(fixture)'}: ${issue.message}`,
    );
    throw new TwilioError(20001, `Invalid fixture: ${problems.slice(0, 5).join('; ')}`);
  }
  // What the seed adds is remembered by SID, not copied: a copy of the whole state per seed made
  // seeding 10,000 rooms quadratic.
  const before = engine.savepoint();
  try {
    return {
      accounts: parsed.data.accounts.map((seed) => {
        const account =
          (seed.sid ? engine.getAccount(seed.sid) : undefined) ??
          engine.addAccount({ sid: seed.sid, authToken: seed.authToken });
        for (const key of seed.apiKeys ?? []) engine.createApiKey({ accountSid: account.sid }, key);
        return {
          sid: account.sid,
          rooms: (seed.rooms ?? []).map(({ participants = [], status, ...options }) => {
            const room = engine.createRoom({ accountSid: account.sid }, options);
            const joined = participants.map((participant) => {
              const record = engine.connectParticipant(
                { accountSid: account.sid, room: room.sid },
                {
                  identity: participant.identity,
                },
              );
              for (const track of participant.tracks ?? [])
                engine.publishTrack(
                  { accountSid: account.sid, room: room.sid, participant: record.sid },
                  track,
                );
              return { sid: record.sid, identity: record.identity };
            });
            if (status === 'completed') engine.completeRoom({ accountSid: account.sid, room: room.sid });
            return { sid: room.sid, uniqueName: room.uniqueName, participants: joined };
          }),
        };
      }),
    };
  } catch (error) {
    before.rollback();
    throw error;
  }
}
