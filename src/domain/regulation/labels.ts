import type { ActorRole } from '../shared/roles.js';
import type { Channel } from './Channel.js';
import type { DecisionQuestion } from './DecisionQuestion.js';
import type { TimeUnit } from './TimeUnit.js';

/** Languages of generated diagrams and tables. */
export type DiagramLanguage = 'kk' | 'ru';

/** Names of the actors (СФЕ / ҚФБ) as the regulations call them. */
export const actorLabels = {
  applicant: { kk: 'Көрсетілетін қызметті алушы', ru: 'Услугополучатель', en: 'Applicant' },
  front_office_operator: {
    kk: 'Мемлекеттік корпорация қызметкері',
    ru: 'Работник Государственной корпорации',
    en: 'Front-office operator',
  },
  courier: {
    kk: 'Мемлекеттік корпорация курьері',
    ru: 'Курьер Государственной корпорации',
    en: 'Courier',
  },
  registry_office: {
    kk: 'Көрсетілетін қызметті берушінің кеңсесі',
    ru: 'Канцелярия услугодателя',
    en: 'Registry office',
  },
  head: {
    kk: 'Көрсетілетін қызметті берушінің басшысы',
    ru: 'Руководитель услугодателя',
    en: 'Head',
  },
  executor: {
    kk: 'Жауапты орындаушы',
    ru: 'Ответственный исполнитель',
    en: 'Responsible executor',
  },
  commission: { kk: 'Комиссия', ru: 'Комиссия', en: 'Commission' },
  information_system: {
    kk: 'Ақпараттық жүйе (портал, ЭҮШ, АЖ)',
    ru: 'Информационная система (ПЭП, ШЭП, ИС)',
    en: 'Information system',
  },
} as const satisfies Record<ActorRole, Record<'kk' | 'ru' | 'en', string>>;

/** Names of the channels. */
export const channelLabels = {
  provider_office: {
    kk: 'Көрсетілетін қызметті берушінің кеңсесі арқылы',
    ru: 'Через канцелярию услугодателя',
    en: 'Provider office',
  },
  front_office: {
    kk: 'Мемлекеттік корпорация арқылы',
    ru: 'Через Государственную корпорацию',
    en: 'Front office',
  },
  portal: {
    kk: '«Электрондық үкімет» порталы арқылы',
    ru: 'Через портал «электронного правительства»',
    en: 'Portal',
  },
} as const satisfies Record<Channel, Record<'kk' | 'ru' | 'en', string>>;

/** The questions of decisions, as a condition label. */
export const questionLabels = {
  credentials_valid: { kk: 'Авторизация расталды ма?', ru: 'Авторизация подтверждена?' },
  person_data_found: {
    kk: 'ЖТ МДБ / БНАЖ деректері табылды ма?',
    ru: 'Данные в ГБД ФЛ / ЕНИС найдены?',
  },
  signature_valid: { kk: 'ЭЦҚ расталды ма?', ru: 'ЭЦП подтверждена?' },
  documents_complete: { kk: 'Пакет толық па?', ru: 'Пакет документов полный?' },
  documents_compliant: { kk: 'Құжаттар сәйкес пе?', ru: 'Документы соответствуют?' },
  data_reliable: { kk: 'Деректер дәйекті ме?', ru: 'Сведения достоверны?' },
  decision_positive: { kk: 'Шешім оң ба?', ru: 'Решение положительное?' },
  place_available: { kk: 'МДҰ-да орын бар ма?', ru: 'Есть место в ДДО?' },
  place_accepted: { kk: 'Орын қабылданды ма?', ru: 'Место принято?' },
  consent_given: { kk: 'Келісім берілді ме?', ru: 'Согласие дано?' },
} as const satisfies Record<DecisionQuestion, Record<DiagramLanguage, string>>;

/** Yes / no in the diagram language. */
export const answerLabels = { kk: { yes: 'иә', no: 'жоқ' }, ru: { yes: 'да', no: 'нет' } } as const;

/** Units of a term written out, as "15 working days" / "15 рабочих дней" (catalogue, back office). */
export const timeUnitLabels = {
  minutes: { kk: 'минут', ru: 'мин.', en: 'minutes' },
  hours: { kk: 'сағат', ru: 'ч.', en: 'hours' },
  working_days: { kk: 'жұмыс күні', ru: 'рабочих дней', en: 'working days' },
  calendar_days: { kk: 'күнтізбелік күн', ru: 'календарных дней', en: 'calendar days' },
  months: { kk: 'ай', ru: 'мес.', en: 'months' },
} as const satisfies Record<TimeUnit, Record<'kk' | 'ru' | 'en', string>>;

/** Units of a term abbreviated, as "13 раб. дн." (tables, the cabinet, findings). */
export const timeUnitAbbreviations = {
  minutes: { kk: 'мин', ru: 'мин', en: 'min' },
  hours: { kk: 'сағ', ru: 'ч', en: 'h' },
  working_days: { kk: 'жұмыс күні', ru: 'раб. дн.', en: 'working days' },
  calendar_days: { kk: 'күнтізбелік күн', ru: 'календ. дн.', en: 'calendar days' },
  months: { kk: 'ай', ru: 'мес.', en: 'months' },
} as const satisfies Record<TimeUnit, Record<'kk' | 'ru' | 'en', string>>;
