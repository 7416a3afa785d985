import type { BilingualText } from '../regulation/BilingualText.js';
import { actorLabels } from '../regulation/labels.js';
import type { RegulationCatalog } from '../regulation/regulation-catalog.js';
import type { LocalizedText } from '../shared/locale.js';

/**
 * A step and the role that held it, in one regulation version: the detail of the term
 * violations and missed step deadlines (issue 20). A step id is unique only within one
 * channel's flow of one regulation version — `signature-refused` of the archive certificate is
 * not the kindergarten queue's, and the portal's flow words it otherwise than the office's —
 * so a slot carries its regulation, and its name is read with the channel of the count it
 * belongs to (every summary row, listed application and report line has one).
 */
export interface Slot {
  readonly regulationId: string;
  readonly stepId: string;
  readonly role: string;
}

/** The stored detail of a slot: `regulationId|stepId|role` (ids never hold a `|`). */
export function slotDetail(slot: Slot): string {
  return `${slot.regulationId}|${slot.stepId}|${slot.role}`;
}

/**
 * The slot a detail names; undefined for one that names none (`unspecified`: no step was
 * open, or a detail written before migration 0165, without its regulation, until the job has
 * counted its application again).
 */
export function findSlot(detail: string): Slot | undefined {
  const parts = detail.split('|');
  if (parts.length !== 3) return undefined;
  const [regulationId = '', stepId = '', role = ''] = parts;
  return regulationId && stepId ? { regulationId, stepId, role } : undefined;
}

/**
 * The one lookup of a slot's step name (its description in the regulation): in the flow of
 * `channel` of the slot's own regulation version, never searched across regulations or flows.
 * Undefined when that version or step is not loaded: show {@link unnamedStep}, never the id.
 */
export function findSlotStepName(
  regulations: Pick<RegulationCatalog, 'findById'>,
  slot: Slot,
  channel: string,
): BilingualText | undefined {
  const flow = regulations
    .findById(slot.regulationId)
    ?.channels.find((candidate) => candidate.channel === channel);
  return flow?.steps.find((step) => step.id === slot.stepId)?.description;
}

/** A role's name as the regulations call it, or undefined for a role they do not name. */
export function findRoleName(role: string): LocalizedText | undefined {
  return (actorLabels as Record<string, LocalizedText | undefined>)[role];
}

/** What stands for a step no loaded regulation names: never its id. */
export const unnamedStep: LocalizedText = {
  kk: 'рәсім регламенттерде табылмады',
  ru: 'процедура не найдена в регламентах',
  en: 'step not found in the regulations',
};

/** What stands for a role the regulations do not name: never its code. */
export const unnamedRole: LocalizedText = {
  kk: 'орындаушы белгіленбеген',
  ru: 'исполнитель не указан',
  en: 'role not recorded',
};
