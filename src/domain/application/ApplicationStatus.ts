import { z } from 'zod';
import type { LocalizedText } from '../shared/locale.js';

/**
 * The status of an application as the citizen sees it (003 tables: «поступившие», «в работе»,
 * «завершение исполнения и выдачи выходного документа»), extended with the states the engine
 * needs: a draft, waiting for the applicant, suspension, storage and hand-back.
 */
export const ApplicationStatus = z
  .enum([
    'draft',
    'received',
    'in_work',
    'awaiting_applicant',
    'in_queue',
    'place_offered',
    'suspended',
    'result_ready',
    'completed',
    'intake_refused',
    'request_rejected',
    'refused',
    'handed_back',
  ])
  .describe('Status of an application the citizen sees');
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** Statuses after which the regulation's process has ended. */
export const finalStatuses: ReadonlySet<ApplicationStatus> = new Set([
  'completed',
  'intake_refused',
  'request_rejected',
  'refused',
  'handed_back',
]);

/** kk/ru/en labels of the statuses. */
export const applicationStatusLabels = {
  draft: { kk: 'Жоба', ru: 'Черновик', en: 'Draft' },
  received: { kk: 'Түсті', ru: 'Поступило', en: 'Received' },
  in_work: { kk: 'Жұмыста', ru: 'В работе', en: 'In work' },
  awaiting_applicant: {
    kk: 'Өтініш берушінің жауабы күтілуде',
    ru: 'Ожидается ответ заявителя',
    en: 'Awaiting the applicant',
  },
  in_queue: { kk: 'Кезекте', ru: 'В очереди', en: 'In the queue' },
  place_offered: { kk: 'Орын ұсынылды', ru: 'Предложено место', en: 'Place offered' },
  suspended: { kk: 'Тоқтатыла тұрды', ru: 'Приостановлено', en: 'Suspended' },
  result_ready: { kk: 'Нәтиже дайын', ru: 'Результат готов', en: 'Result ready' },
  completed: {
    kk: 'Орындау аяқталды, нәтиже берілді',
    ru: 'Исполнение завершено, результат выдан',
    en: 'Completed, result issued',
  },
  intake_refused: {
    kk: 'Құжаттарды қабылдаудан бас тартылды',
    ru: 'Отказано в приеме документов',
    en: 'Refused at intake',
  },
  request_rejected: { kk: 'Сұрау қабылданбады', ru: 'Запрос отклонен', en: 'Request rejected' },
  refused: { kk: 'Дәлелді бас тарту', ru: 'Мотивированный отказ', en: 'Refused' },
  handed_back: {
    kk: 'Нәтиже көрсетілетін қызметті берушіге қайтарылды',
    ru: 'Результат возвращен услугодателю',
    en: 'Result handed back to the provider',
  },
} as const satisfies Record<ApplicationStatus, LocalizedText>;
