import type { Locale, LocalizedText } from '../shared/locale.js';
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
} as const satisfies Partial<Record<AvailableCommandKind, LocalizedText>>;

/**
 * The label of a command kind in `locale`, or undefined for a kind without one (a command added
 * by the five-file recipe is shown as "another action" until it gets a label here).
 */
export function availableCommandLabel(kind: string, locale: Locale): string | undefined {
  const labels: Readonly<Record<string, LocalizedText>> = availableCommandLabels;
  return Object.hasOwn(labels, kind) ? labels[kind]?.[locale] : undefined;
}
