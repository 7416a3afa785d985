import { describe, expect, it } from 'vitest';
import { createRegulationCatalog } from '../regulation/regulation-catalog.js';
import { loadRegulationCatalog } from '../../storage/regulation-files.js';
import { registryCatalogue } from '../../integrations/registry-adapters.js';
import { findRoleName, findSlot, findSlotStepName, slotDetail } from './slot.js';

const catalog = loadRegulationCatalog({ registries: registryCatalogue() });
const archive = 'south-kazakhstan.archive-certificate.2012-12-26';
const kindergarten = 'south-kazakhstan.kindergarten-queue.2012-12-26';

describe('slots: a step and role of one regulation version', () => {
  it('round-trips through the stored detail, and names none for other details', () => {
    const slot = { regulationId: archive, stepId: 'signature-refused', role: 'system' };
    expect(slotDetail(slot)).toBe(`${archive}|signature-refused|system`);
    expect(findSlot(slotDetail(slot))).toEqual(slot);
    expect(findSlot(`${archive}|accept|`)).toEqual({
      regulationId: archive,
      stepId: 'accept',
      role: '',
    });
    // `unspecified`, and a detail of before migration 0165 (no regulation), name no slot.
    for (const detail of ['unspecified', 'decide|executor', '', `|accept|head`]) {
      expect(findSlot(detail), detail).toBeUndefined();
    }
  });

  it("names a step by its own regulation's flow, where another regulation or channel words the same id otherwise", () => {
    const names = [archive, kindergarten].flatMap((regulationId) =>
      (['portal', 'provider_office'] as const).map(
        (channel) =>
          findSlotStepName(
            catalog,
            { regulationId, stepId: 'signature-refused', role: 'system' },
            channel,
          )?.ru,
      ),
    );
    // Each is the description of the step in that version's flow of that channel.
    const expected = [archive, kindergarten].flatMap((regulationId) =>
      (['portal', 'provider_office'] as const).map(
        (channel) =>
          catalog
            .getById(regulationId)
            .channels.find((flow) => flow.channel === channel)
            ?.steps.find((step) => step.id === 'signature-refused')?.description.ru,
      ),
    );
    expect(names).toEqual(expected);
    expect(names.every((name) => typeof name === 'string')).toBe(true);
    // The portal's wording is not the office's: searching every flow for the id would mix them.
    expect(names[0]).not.toBe(names[1]);
  });

  it('finds a step only in its own version: two versions sharing an id keep their own names', () => {
    const [one, two] = [archive, kindergarten].map((id) => catalog.getById(id));
    const renamed = createRegulationCatalog(
      [
        one!,
        {
          ...two!,
          channels: two!.channels.map((flow) => ({
            ...flow,
            steps: flow.steps.map((step) =>
              step.id === 'accept'
                ? { ...step, description: { kk: 'Басқа қадам', ru: 'Другой шаг' } }
                : step,
            ),
          })),
        },
      ],
      catalog.vocabulary,
    );
    const accept = (regulationId: string) =>
      findSlotStepName(renamed, { regulationId, stepId: 'accept', role: 'head' }, 'portal');
    expect(accept(kindergarten)).toEqual({ kk: 'Басқа қадам', ru: 'Другой шаг' });
    expect(accept(archive)?.ru).toBe(
      one!.channels.find((flow) => flow.channel === 'portal')?.steps.find((s) => s.id === 'accept')
        ?.description.ru,
    );
    expect(accept(archive)?.ru).not.toBe('Другой шаг');
    // A version or step not loaded has no name (the caller shows "step not found", never the id).
    expect(accept('south-kazakhstan.archive-certificate.1999-01-01')).toBeUndefined();
    expect(
      findSlotStepName(
        renamed,
        { regulationId: archive, stepId: 'nowhere', role: 'head' },
        'portal',
      ),
    ).toBeUndefined();
  });

  it('names roles as the regulations do, and none it does not know', () => {
    expect(findRoleName('executor')?.ru).toBe('Ответственный исполнитель');
    expect(findRoleName('no-such-role')).toBeUndefined();
  });
});
