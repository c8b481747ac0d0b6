import type { EmulatorClient } from '@timekeeper/discord-emulator';
import type { SandboxState } from './state';

const ALICE = '210000000000000001';
const BOB = '210000000000000002';
const CAROL = '210000000000000003';

/** The demo server: alice owns it, bob and carol are members; #general and #activity-log channels. */
export async function seedDemoGuild(control: EmulatorClient): Promise<Omit<SandboxState, 'emulatorUrl'>> {
  await control.createUser({ id: ALICE, username: 'alice' });
  await control.createUser({ id: BOB, username: 'bob' });
  await control.createUser({ id: CAROL, username: 'carol' });
  const guild = await control.createGuild({ name: 'Demo Guild', ownerId: ALICE });
  const activityLog = await control.createChannel(guild.id, { name: 'activity-log' });
  await control.addMember(guild.id, { userId: BOB });
  await control.addMember(guild.id, { userId: CAROL });
  const channelId = guild.channelIds[0];
  if (!channelId) throw new Error('the emulator created a guild without a channel');
  return {
    guildId: guild.id,
    channelId,
    activityLogChannelId: activityLog.id,
    members: { alice: ALICE, bob: BOB, carol: CAROL },
  };
}
