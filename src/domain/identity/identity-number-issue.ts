import type { LocalizedText } from '../shared/locale.js';

/** Why a 12-digit identification number (IIN / BIN) was rejected. */
export const IdentityNumberIssue = {
  /** not 12 characters long */
  wrongLength: 'wrong_length',
  /** contains something other than the decimal digits 0–9 */
  notDigits: 'not_digits',
  /** IIN: digits 1–6 with the century from digit 7 are not a real calendar date */
  impossibleBirthDate: 'impossible_birth_date',
  /** IIN: digit 7 (century of birth and sex) is not 1–6 */
  wrongCenturyDigit: 'wrong_century_digit',
  /** BIN: digits 3–4 are not a month 01–12 */
  impossibleRegistrationMonth: 'impossible_registration_month',
  /** BIN: digit 5 (type of the entity) is not 4, 5 or 6 */
  unknownEntityType: 'unknown_entity_type',
  /** BIN: digit 6 (kind of unit) is not 0, 1, 2 or 4 */
  unknownUnitKind: 'unknown_unit_kind',
  /** digit 12 differs from the control digit computed from digits 1–11 */
  wrongCheckDigit: 'wrong_check_digit',
  /** digits 1–11 give 10 with both weight sequences: no such number is ever issued */
  unusableNumber: 'unusable_number',
} as const;
export type IdentityNumberIssue = (typeof IdentityNumberIssue)[keyof typeof IdentityNumberIssue];

/** Which identification number is meant: ИИН/ЖСН of a person or БИН/БСН of an entity. */
export type IdentityNumberKind = 'iin' | 'bin';

const label = {
  iin: { kk: 'ЖСН', ru: 'ИИН', en: 'IIN' },
  bin: { kk: 'БСН', ru: 'БИН', en: 'BIN' },
} as const satisfies Record<IdentityNumberKind, LocalizedText>;

/** The user message for an issue with an IIN or a BIN, in every interface language. */
export function describeIdentityNumberIssue(
  kind: IdentityNumberKind,
  issue: IdentityNumberIssue,
): LocalizedText {
  const { kk, ru, en } = label[kind];
  switch (issue) {
    case IdentityNumberIssue.wrongLength:
      return {
        kk: `${kk} 12 цифрдан тұруы тиіс.`,
        ru: `${ru} должен состоять из 12 цифр.`,
        en: `An ${en} has exactly 12 digits.`,
      };
    case IdentityNumberIssue.notDigits:
      return {
        kk: `${kk} тек цифрлардан тұруы тиіс.`,
        ru: `${ru} может содержать только цифры.`,
        en: `An ${en} contains digits only.`,
      };
    case IdentityNumberIssue.impossibleBirthDate:
      return {
        kk: `${kk}-нің алғашқы алты цифры нақты туған күнді білдірмейді.`,
        ru: `Первые шесть цифр ${ru} не образуют существующую дату рождения.`,
        en: `The first six digits of the ${en} are not a real date of birth.`,
      };
    case IdentityNumberIssue.wrongCenturyDigit:
      return {
        kk: `${kk}-нің жетінші цифры (туған ғасыры мен жынысы) 1-ден 6-ға дейін болуы тиіс.`,
        ru: `Седьмая цифра ${ru} (век рождения и пол) должна быть от 1 до 6.`,
        en: `The seventh digit of the ${en} (century of birth and sex) must be 1 to 6.`,
      };
    case IdentityNumberIssue.impossibleRegistrationMonth:
      return {
        kk: `${kk}-нің үшінші және төртінші цифрлары тіркелген айды (01–12) білдіруі тиіс.`,
        ru: `Третья и четвёртая цифры ${ru} должны обозначать месяц регистрации (01–12).`,
        en: `Digits 3–4 of the ${en} must be the month of registration (01–12).`,
      };
    case IdentityNumberIssue.unknownEntityType:
      return {
        kk: `${kk}-нің бесінші цифры (тұлғаның түрі) 4, 5 немесе 6 болуы тиіс.`,
        ru: `Пятая цифра ${ru} (тип лица) должна быть 4, 5 или 6.`,
        en: `The fifth digit of the ${en} (type of entity) must be 4, 5 or 6.`,
      };
    case IdentityNumberIssue.unknownUnitKind:
      return {
        kk: `${kk}-нің алтыншы цифры (бөлімшенің белгісі) 0, 1, 2 немесе 4 болуы тиіс.`,
        ru: `Шестая цифра ${ru} (признак подразделения) должна быть 0, 1, 2 или 4.`,
        en: `The sixth digit of the ${en} (kind of unit) must be 0, 1, 2 or 4.`,
      };
    case IdentityNumberIssue.wrongCheckDigit:
      return {
        kk: `${kk}-нің бақылау цифры сәйкес келмейді — нөмірді тексеріңіз.`,
        ru: `Неверная контрольная цифра ${ru} — проверьте номер.`,
        en: `The check digit of the ${en} does not match — check the number.`,
      };
    case IdentityNumberIssue.unusableNumber:
      return {
        kk: `Мұндай ${kk} берілмейді: бақылау разряды 10-ға тең.`,
        ru: `Такой ${ru} не выдаётся: контрольный разряд равен 10.`,
        en: `No such ${en} is ever issued: its control sum is 10 with both weight sequences.`,
      };
  }
}
