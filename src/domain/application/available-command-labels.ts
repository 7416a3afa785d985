import type { LocalizedText } from '../shared/locale.js';
import type { AvailableCommandKind } from './available-commands.js';

/**
 * What each command someone may give an application is called (kk, ru, en): the words a refusal
 * notice uses for "allowed now" where a step's own name is not at hand (issue 18, point 11: the
 * engine's `complete_step:assign` never reaches a person).
 */
export const availableCommandLabels = {
  complete_step: { kk: 'Қадамды орындау', ru: 'Выполнить шаг', en: 'Complete the step' },
  sign_document: { kk: 'Нәтижеге қол қою', ru: 'Подписать результат', en: 'Sign the result' },
  sign_request: {
    kk: 'Электрондық сұрауға қол қою',
    ru: 'Подписать электронный запрос',
    en: 'Sign the electronic request',
  },
  extend_term: { kk: 'Мерзімді ұзарту', ru: 'Продлить срок', en: 'Extend the term' },
  suspend: {
    kk: 'Қызмет көрсетуді тоқтата тұру',
    ru: 'Приостановить оказание услуги',
    en: 'Suspend the service',
  },
  resume: { kk: 'Қызмет көрсетуді қайта бастау', ru: 'Возобновить', en: 'Resume the service' },
  appeal: { kk: 'Шағым беру', ru: 'Подать жалобу', en: 'File an appeal' },
  decide_appeal: {
    kk: 'Шағым бойынша шешім қабылдау',
    ru: 'Принять решение по жалобе',
    en: 'Decide the appeal',
  },
  return_draft: {
    kk: 'Жобаны орындаушыға қайтару',
    ru: 'Вернуть проект исполнителю',
    en: 'Return the draft to the executor',
  },
  answer_questionnaire: {
    kk: 'Сауалнамаға жауап беру',
    ru: 'Заполнить анкету',
    en: 'Answer the questionnaire',
  },
} as const satisfies Record<AvailableCommandKind, LocalizedText>;

/** Whether `kind` is a command kind of the engine (a label exists for it). */
export function isAvailableCommandKind(kind: string): kind is AvailableCommandKind {
  return Object.hasOwn(availableCommandLabels, kind);
}
