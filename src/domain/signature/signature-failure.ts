import type { LocalizedText } from '../shared/locale.js';

/**
 * Why an electronic digital signature (ЭЦП / ЭЦҚ) was not confirmed. Each reason has its
 * own user message; together they make up the regulations' refusal "не подтверждение
 * подлинности ЭЦП" (portal flow, condition 2: the certificate is not expired, not revoked,
 * and the IIN in the request equals the IIN in the certificate — regulations digest,
 * "Portal flow").
 */
export const SignatureFailure = {
  malformed: 'malformed',
  contentMissing: 'content_missing',
  attributesMissing: 'attributes_missing',
  signerCertificateMissing: 'signer_certificate_missing',
  contentAltered: 'content_altered',
  signingCertificateMismatch: 'signing_certificate_mismatch',
  signatureInvalid: 'signature_invalid',
  unknownCa: 'unknown_ca',
  certificateExpired: 'certificate_expired',
  certificateNotYetValid: 'certificate_not_yet_valid',
  signingTimeInFuture: 'signing_time_in_future',
  wrongKeyPurpose: 'wrong_key_purpose',
  revocationUnknown: 'revocation_unknown',
  certificateRevoked: 'certificate_revoked',
  iinMismatch: 'iin_mismatch',
  binMismatch: 'bin_mismatch',
} as const;
export type SignatureFailure = (typeof SignatureFailure)[keyof typeof SignatureFailure];

const prefix: LocalizedText = {
  kk: 'ЭЦҚ түпнұсқалығы расталмады',
  ru: 'Не подтверждение подлинности ЭЦП',
  en: 'The digital signature is not confirmed',
};

/** The reason-specific part of each refusal message. */
export const signatureFailureReasons = {
  malformed: {
    kk: 'қолтаңба CMS (CAdES) пішімінде емес немесе бүлінген',
    ru: 'подпись не в формате CMS (CAdES) или повреждена',
    en: 'the signature is not a CMS (CAdES) structure or is damaged',
  },
  content_missing: {
    kk: 'қол қойылған деректер қолтаңбаға қоса берілмеген',
    ru: 'подписанные данные не переданы вместе с подписью',
    en: 'the signed data was not supplied with the signature',
  },
  attributes_missing: {
    kk: 'қолтаңбада міндетті CAdES-BES атрибуттары жоқ',
    ru: 'в подписи нет обязательных атрибутов CAdES-BES',
    en: 'the signature lacks the mandatory CAdES-BES attributes',
  },
  signer_certificate_missing: {
    kk: 'қол қоюшының тіркеу куәлігі қолтаңбада жоқ',
    ru: 'в подписи нет регистрационного свидетельства подписавшего',
    en: "the signer's certificate is not in the signature",
  },
  content_altered: {
    kk: 'құжат қол қойылғаннан кейін өзгертілген',
    ru: 'документ изменён после подписания',
    en: 'the document was altered after it was signed',
  },
  signing_certificate_mismatch: {
    kk: 'қолтаңбадағы куәлік қол қойылған куәлікке сәйкес келмейді',
    ru: 'сертификат в подписи не совпадает с подписанным сертификатом',
    en: 'the certificate in the signature is not the one that was signed for',
  },
  signature_invalid: {
    kk: 'қолтаңбаның мәні дұрыс емес',
    ru: 'значение подписи неверно',
    en: 'the signature value is wrong',
  },
  unknown_ca: {
    kk: 'куәлікті сенімді куәландырушы орталық бермеген',
    ru: 'регистрационное свидетельство выдано не доверенным удостоверяющим центром',
    en: 'the certificate was not issued by a trusted certification authority',
  },
  certificate_expired: {
    kk: 'қол қою кезінде тіркеу куәлігінің мерзімі өтіп кеткен',
    ru: 'срок действия регистрационного свидетельства истёк на момент подписания',
    en: 'the certificate had expired when the document was signed',
  },
  certificate_not_yet_valid: {
    kk: 'қол қою кезінде тіркеу куәлігі әлі жарамды болмаған',
    ru: 'регистрационное свидетельство ещё не действовало на момент подписания',
    en: 'the certificate was not yet valid when the document was signed',
  },
  signing_time_in_future: {
    kk: 'қол қою уақыты болашақта көрсетілген',
    ru: 'время подписания указано в будущем',
    en: 'the signing time lies in the future',
  },
  wrong_key_purpose: {
    kk: 'қол қою үшін емес, басқа мақсаттағы кілт пайдаланылған (мысалы, аутентификация кілті)',
    ru: 'использован ключ не для подписи (например, ключ аутентификации)',
    en: 'a key not meant for signing was used (for example the authentication key)',
  },
  revocation_unknown: {
    kk: 'куәліктің кері қайтарылу мәртебесін тексеру мүмкін емес (кері қайтарылғандар тізімі жоқ)',
    ru: 'невозможно проверить статус отзыва (нет списка отозванных сертификатов)',
    en: 'the revocation status cannot be checked (no revocation list)',
  },
  certificate_revoked: {
    kk: 'тіркеу куәлігі кері қайтарылған',
    ru: 'регистрационное свидетельство отозвано',
    en: 'the certificate has been revoked',
  },
  iin_mismatch: {
    kk: 'сұраудағы ЖСН куәліктегі ЖСН-ге сәйкес келмейді',
    ru: 'ИИН в запросе не совпадает с ИИН в регистрационном свидетельстве',
    en: 'the IIN in the request differs from the IIN in the certificate',
  },
  bin_mismatch: {
    kk: 'сұраудағы БСН куәліктегі БСН-ге сәйкес келмейді',
    ru: 'БИН в запросе не совпадает с БИН в регистрационном свидетельстве',
    en: 'the BIN in the request differs from the BIN in the certificate',
  },
} as const satisfies Record<SignatureFailure, LocalizedText>;

/** The full user message for a failure: the regulations' refusal followed by the reason. */
export function signatureFailureMessage(failure: SignatureFailure): LocalizedText {
  const reason = signatureFailureReasons[failure];
  return {
    kk: `${prefix.kk}: ${reason.kk}.`,
    ru: `${prefix.ru}: ${reason.ru}.`,
    en: `${prefix.en}: ${reason.en}.`,
  };
}
