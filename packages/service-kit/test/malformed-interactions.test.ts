import { ErrorCode, createCustomIdCodec, type InteractionRequest } from '@timekeeper/contracts';
import {
  everyMalformedInteraction,
  fieldPaths,
  sampleInteractions,
  valueAt,
  withValueAt,
  wrongTypeValues,
  type Json,
} from '@timekeeper/testing';
import type { APIInteraction } from 'discord-api-types/v10';
import fc from 'fast-check';
import pino from 'pino';
import { InteractionRouter, interactionInputProblem, respond } from '../src';

const codec = createCustomIdCodec({ secret: 'a-test-secret-of-enough-length' });
const samples = {
  command: 'admin',
  componentCustomId: codec.encode({ service: 'timecard', action: 'stop', args: ['1'] }),
  modalCustomId: codec.encode({ service: 'timecard', action: 'form', args: ['1'] }),
};

/** Handlers that read every field a real one would. */
const router = new InteractionRouter(codec, pino({ level: 'silent' }))
  .command('admin categories add', async ({ options, member }) =>
    respond.ephemeral(
      `${options.string('name')} ${options.number('weight')} ${options.boolean('archived')} ${options.user('member')?.username} ${member.roles.join(',')}`,
    ),
  )
  .autocomplete('admin', async ({ options }) =>
    respond.autocomplete([{ name: `${options.focused()?.value}`, value: 'x' }]),
  )
  .component('stop', async ({ values, customId }) =>
    respond.update(`${values.join(',')} ${customId.args[0]}`),
  )
  .modal('form', async ({ fields }) => respond.ephemeral(`${fields.get('reason')}`));

function request(interaction: Json): InteractionRequest {
  const now = Date.now();
  return {
    v: 1,
    interaction: interaction as unknown as APIInteraction,
    shardId: 0,
    receivedAt: now,
    deadline: now + 2500,
    mode: 'ws',
  };
}

/** Codes a malformed interaction may get: a refusal naming the input, never an internal error. */
const REFUSALS: readonly string[] = [
  ErrorCode.INVALID_INPUT,
  ErrorCode.UNKNOWN_COMMAND,
  ErrorCode.NOT_IN_GUILD,
  ErrorCode.EXPIRED_COMPONENT,
];

describe('malformed interactions (every field of every kind, with a value of the wrong type)', () => {
  const cases = everyMalformedInteraction(samples);

  it('well-formed samples pass and are answered by their handlers', async () => {
    for (const sample of sampleInteractions(samples)) {
      expect(interactionInputProblem(sample)).toBeUndefined();
      expect(await router.dispatch(request(sample))).toMatchObject({ kind: 'response' });
    }
  });

  it('generates hundreds of cases covering every field', () => {
    expect(cases.length).toBeGreaterThanOrEqual(500);
    const covered = new Set(cases.map((c) => `${c.sample}:${c.path.join('.')}`));
    const all = sampleInteractions(samples).flatMap((sample, index) =>
      fieldPaths(sample).map((path) => `${index}:${path.join('.')}`),
    );
    expect([...covered].sort()).toEqual([...new Set(all)].sort());
  });

  it('never answers one with an internal error: a clear refusal or a normal answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), async (malformed) => {
        const reply = await router.dispatch(request(malformed.interaction));
        if (reply.kind === 'error') expect(REFUSALS).toContain(reply.error.code);
      }),
      { numRuns: cases.length, examples: cases.map((c) => [c]) },
    );
  });

  it('refuses data.options that is not an array, and option values of the wrong type, as invalid input', async () => {
    const [slash] = sampleInteractions(samples);
    for (const options of [{}, 'x', 7, null, true]) {
      const reply = await router.dispatch(request(withValueAt(slash!, ['data', 'options'], options)));
      if (options === null) continue; // null reads as "no options": the command without a subcommand
      expect(reply).toMatchObject({ kind: 'error', error: { code: ErrorCode.INVALID_INPUT } });
    }
    const valuePath = ['data', 'options', 0, 'options', 0, 'options', 1, 'value'];
    for (const value of wrongTypeValues(valueAt(slash!, valuePath))) {
      const reply = await router.dispatch(request(withValueAt(slash!, valuePath, value)));
      expect(reply).toMatchObject({ kind: 'error', error: { code: ErrorCode.INVALID_INPUT } });
    }
  });

  it('survives several wrong fields at once (random combinations)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...cases), { minLength: 2, maxLength: 5 }),
        async (picked) => {
          const sample = sampleInteractions(samples)[picked[0]!.sample]!;
          let interaction: Json = sample;
          for (const c of picked.filter((p) => p.sample === picked[0]!.sample)) {
            const parent = valueAt(interaction, c.path.slice(0, -1));
            if (parent !== null && typeof parent === 'object')
              interaction = withValueAt(interaction, c.path, c.value);
          }
          const reply = await router.dispatch(request(interaction));
          if (reply.kind === 'error') expect(REFUSALS).toContain(reply.error.code);
        },
      ),
      { numRuns: 200 },
    );
  });
});
