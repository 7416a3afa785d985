import { backOfficeRoles } from './components.js';

/** The texts of the appeals pages (kk/ru/en). */
export const t = {
  title: { kk: 'Шағымдар', ru: 'Жалобы', en: 'Appeals' },
  appealTitle: { kk: 'Шағым', ru: 'Жалоба', en: 'Appeal' },
  intro: {
    kk: 'Көрсетілетін қызметті берушінің шешіміне, әрекетіне (әрекетсіздігіне) шағым тіркелген күнінен бастап 5 жұмыс күні ішінде қаралады.',
    ru: 'Жалоба на решение, действие (бездействие) услугодателя рассматривается в течение 5 рабочих дней со дня её регистрации.',
    en: 'An appeal against a decision, action or inaction of the provider is reviewed within 5 working days of its registration.',
  },
  application: { kk: 'Өтініш', ru: 'Заявление', en: 'Application' },
  service: { kk: 'Қызмет', ru: 'Услуга', en: 'Service' },
  submittedAt: { kk: 'Тіркелді', ru: 'Зарегистрирована', en: 'Registered' },
  reviewDue: { kk: 'Қарау мерзімі', ru: 'Срок рассмотрения', en: 'Review due' },
  status: { kk: 'Күйі', ru: 'Статус', en: 'Status' },
  text: { kk: 'Шағым мәтіні', ru: 'Текст жалобы', en: 'Text of the appeal' },
  waiting: { kk: 'Шешім күтілуде', ru: 'Ожидает решения', en: 'Waiting for a decision' },
  upheld: { kk: 'Қанағаттандырылды', ru: 'Удовлетворена', en: 'Upheld' },
  rejected: { kk: 'Қабылданбады', ru: 'Отклонена', en: 'Rejected' },
  decidedAt: { kk: 'Шешім күні', ru: 'Дата решения', en: 'Decided on' },
  answer: { kk: 'Дәлелді жауап', ru: 'Мотивированный ответ', en: 'Reasoned answer' },
  answerHint: {
    kk: 'Өтініш берушіге жеке кабинетте және SMS арқылы жіберіледі (кемінде 10 таңба).',
    ru: 'Направляется услугополучателю в личный кабинет и по SMS (не менее 10 символов).',
    en: 'Sent to the applicant in the personal cabinet and by SMS (at least 10 characters).',
  },
  decision: { kk: 'Шешім', ru: 'Решение', en: 'Decision' },
  decide: { kk: 'Шешімді тіркеу', ru: 'Зарегистрировать решение', en: 'Record the decision' },
  decisionRequired: {
    kk: 'Шешімді таңдаңыз.',
    ru: 'Выберите решение.',
    en: 'Choose the decision.',
  },
  answerRequired: {
    kk: 'Дәлелді жауапты жазыңыз (кемінде 10 таңба).',
    ru: 'Напишите мотивированный ответ (не менее 10 символов).',
    en: 'Write the reasoned answer (at least 10 characters).',
  },
  decided: {
    kk: 'Шешім тіркелді, өтініш берушіге хабарлама жіберілді.',
    ru: 'Решение зарегистрировано, услугополучатель уведомлён.',
    en: 'The decision is recorded and the applicant notified.',
  },
  onlyHead: {
    kk: 'Шағым бойынша шешімді көрсетілетін қызметті берушінің басшысы қабылдайды.',
    ru: 'Решение по жалобе принимает руководитель услугодателя.',
    en: "The provider's head decides appeals.",
  },
  none: { kk: 'Шағым жоқ.', ru: 'Жалоб нет.', en: 'No appeals.' },
} as const;

export const statusLabel = (status: 'submitted' | 'upheld' | 'rejected') =>
  status === 'submitted' ? t.waiting : t[status];

/** The provider's staff who see the appeals of their organisation's applications. */
export const appealRoles = backOfficeRoles;

/** What the application page shows the head when an appeal waits for a decision. */
export const appealLinkText = {
  kk: 'Шағым бойынша шешім қабылдау',
  ru: 'Принять решение по жалобе',
  en: 'Decide the appeal',
} as const;
