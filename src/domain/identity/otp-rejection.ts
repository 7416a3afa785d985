import type { LocalizedText } from '../shared/locale.js';

/** Why a one-time password was not accepted. */
export const OtpRejection = {
  notFound: 'not_found',
  expired: 'expired',
  wrongCode: 'wrong_code',
  attemptsExhausted: 'attempts_exhausted',
  alreadyUsed: 'already_used',
  superseded: 'superseded',
} as const;
export type OtpRejection = (typeof OtpRejection)[keyof typeof OtpRejection];

/** The user message for a rejected one-time password. */
export function describeOtpRejection(reason: OtpRejection, attemptsLeft = 0): LocalizedText {
  switch (reason) {
    case OtpRejection.wrongCode:
      return {
        kk: `Бір реттік құпиясөз қате. Қалған әрекет саны: ${attemptsLeft}.`,
        ru: `Неверный одноразовый пароль. Осталось попыток: ${attemptsLeft}.`,
        en: `Wrong one-time password. Attempts left: ${attemptsLeft}.`,
      };
    case OtpRejection.expired:
      return {
        kk: 'Бір реттік құпиясөздің мерзімі өтті. Жаңа құпиясөз сұраңыз.',
        ru: 'Срок действия одноразового пароля истёк. Запросите новый пароль.',
        en: 'The one-time password has expired. Request a new one.',
      };
    case OtpRejection.attemptsExhausted:
      return {
        kk: 'Қате енгізу әрекеттері таусылды. Жаңа құпиясөз сұраңыз.',
        ru: 'Превышено число попыток ввода. Запросите новый пароль.',
        en: 'Too many wrong attempts. Request a new one-time password.',
      };
    case OtpRejection.alreadyUsed:
    case OtpRejection.superseded:
    case OtpRejection.notFound:
      return {
        kk: 'Бұл бір реттік құпиясөз жарамсыз. Жаңа құпиясөз сұраңыз.',
        ru: 'Этот одноразовый пароль недействителен. Запросите новый пароль.',
        en: 'This one-time password is not valid. Request a new one.',
      };
  }
}
