import type { LocalizedText } from '../../../domain/shared/locale.js';

/** Texts of the electronic request and its signature on the front office's application page. */
export const foRequest = {
  title: {
    kk: 'Электрондық сұрау салу (көрсетілетін қызметті берушіге)',
    ru: 'Электронный запрос (услугодателю)',
    en: 'Electronic request (to the provider)',
  },
  intro: {
    kk: 'Көрсетілетін қызметті берушіге ЭҮШ арқылы жіберілетін сұрау салу. Оны өз ЭЦҚ-ңызбен NCALayer арқылы куәландырыңыз.',
    ru: 'Запрос, который направляется услугодателю через ШЭП. Удостоверьте его своей ЭЦП через NCALayer.',
    en: 'The request sent to the provider through the e-government gateway. Certify it with your digital signature through NCALayer.',
  },
  mustSign: {
    kk: 'Өтініш қабылданды. Электрондық сұрау салуға ЭЦҚ-мен қол қойыңыз.',
    ru: 'Заявление принято. Подпишите электронный запрос своей ЭЦП.',
    en: 'The application was accepted. Sign the electronic request with your digital signature.',
  },
  stepWaits: {
    kk: 'Регламенттің қадамы қол қоюды күтуде',
    ru: 'Шаг регламента ждёт подписи',
    en: 'The regulation’s step waits for the signature',
  },
  signed: { kk: 'ЭЦҚ-мен қол қойылды', ru: 'Подписан ЭЦП', en: 'Signed with a digital signature' },
  notSigned: { kk: 'Қол қойылмаған', ru: 'Не подписан', en: 'Not signed' },
  signer: { kk: 'Қол қойған', ru: 'Подписал', en: 'Signed by' },
  signedAt: { kk: 'Қол қойылған уақыты', ru: 'Время подписания', en: 'Signed at' },
  number: { kk: 'Өтініш нөмірі', ru: 'Номер заявления', en: 'Application number' },
  service: { kk: 'Қызмет', ru: 'Услуга', en: 'Service' },
  provider: { kk: 'Көрсетілетін қызметті беруші', ru: 'Услугодатель', en: 'Provider' },
  frontOffice: {
    kk: 'Мемлекеттік корпорация',
    ru: 'Государственная корпорация',
    en: 'Government Corporation',
  },
  applicant: { kk: 'Көрсетілетін қызметті алушы', ru: 'Услугополучатель', en: 'Applicant' },
  representative: { kk: 'Өкіл', ru: 'Представитель', en: 'Representative' },
  powerOfAttorney: { kk: 'сенімхат', ru: 'доверенность', en: 'power of attorney' },
  phone: { kk: 'Телефон', ru: 'Телефон', en: 'Phone' },
  fields: { kk: 'Өтініштің деректері', ru: 'Данные заявления', en: 'Application data' },
  presented: {
    kk: 'Ұсынылған құжаттар',
    ru: 'Представленные документы',
    en: 'Documents presented',
  },
  issued: {
    kk: 'Берілген құжаттар (SHA-256)',
    ru: 'Выданные документы (SHA-256)',
    en: 'Documents issued (SHA-256)',
  },
  operator: { kk: 'Оператор', ru: 'Оператор', en: 'Operator' },
  hash: {
    kk: 'Сұрау салудың SHA-256 (қол қойылатын байттар)',
    ru: 'SHA-256 запроса (подписываемые байты)',
    en: 'SHA-256 of the request (the bytes signed)',
  },
  sign: { kk: 'ЭЦҚ-мен қол қою (NCALayer)', ru: 'Подписать ЭЦП (NCALayer)', en: 'Sign (NCALayer)' },
  signHint: {
    kk: 'NCALayer іске қосулы болуы керек; қол қою кілтін (RSA/ГОСТ) таңдаңыз.',
    ru: 'NCALayer должен быть запущен; выберите ключ для подписи (RSA/ГОСТ).',
    en: 'NCALayer must be running; choose your signing key.',
  },
  signWorking: {
    kk: 'NCALayer-ге қосылуда…',
    ru: 'Подключение к NCALayer…',
    en: 'Connecting to NCALayer…',
  },
  signFailed: {
    kk: 'NCALayer арқылы қол қою мүмкін болмады',
    ru: 'Не удалось подписать через NCALayer',
    en: 'Could not sign through NCALayer',
  },
  cmsRequired: {
    kk: 'NCALayer қолтаңбаны қайтармады. NCALayer-ді іске қосып, қайталаңыз.',
    ru: 'NCALayer не вернул подпись. Запустите NCALayer и повторите.',
    en: 'NCALayer returned no signature. Start NCALayer and try again.',
  },
  alreadySigned: {
    kk: 'Сұрау салуға бұрын қол қойылған.',
    ru: 'Запрос уже подписан.',
    en: 'The request is already signed.',
  },
  signedNotice: {
    kk: 'Электрондық сұрау салуға ЭЦҚ-мен қол қойылды және тексерілді.',
    ru: 'Электронный запрос подписан ЭЦП, подпись проверена.',
    en: 'The electronic request was signed and the signature verified.',
  },
} satisfies Record<string, LocalizedText>;
