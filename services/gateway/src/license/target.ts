/**
 * Is the gateway talking to the real Discord (a license is required) or to the Discord emulator (tests,
 * the sandbox, benchmarks; no license)? Safe by default: anything not explicitly an emulator counts as
 * Discord, including a REST proxy in front of it. Pure.
 *
 * The emulator needs both a loud opt-in (DISCORD_EMULATOR=true, logged at every start) and a host that
 * cannot be Discord or a public proxy: a loopback address, `localhost`, or a single-label name (a compose
 * service or Kubernetes short name). Timekeeper is source-available, so this guards against mistakes and
 * makes running the real bot unlicensed a deliberate act, not against someone editing the code.
 */
export type DiscordTarget =
  { readonly kind: 'discord'; readonly host: string } | { readonly kind: 'emulator'; readonly host: string };

const DISCORD_DOMAINS = ['discord.com', 'discordapp.com', 'discord.gg', 'discord.media', 'discordapp.net'];

export function isDiscordHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return DISCORD_DOMAINS.some((domain) => name === domain || name.endsWith(`.${domain}`));
}

function isLocalOrPrivateName(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    name === 'localhost' ||
    name === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name)
  );
}

export function discordTarget(
  apiUrl: string,
  emulatorOptIn: boolean,
): { ok: true; target: DiscordTarget } | { ok: false; message: string } {
  const host = new URL(apiUrl).hostname;
  if (!emulatorOptIn) return { ok: true, target: { kind: 'discord', host } };
  if (isDiscordHost(host)) {
    return {
      ok: false,
      message: `DISCORD_EMULATOR: set, but DISCORD_API_URL points at Discord itself (${host}); unset DISCORD_EMULATOR`,
    };
  }
  if (!isLocalOrPrivateName(host)) {
    return {
      ok: false,
      message: `DISCORD_EMULATOR: the emulator must run on this machine (127.0.0.1, localhost) or under a single-label service name, not at ${host}`,
    };
  }
  return { ok: true, target: { kind: 'emulator', host } };
}
