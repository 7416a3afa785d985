import { z } from 'zod';
import type { BilingualText } from './BilingualText.js';

/** The status of an application the citizen sees (003 tables: «поступившие», «в работе», «завершение исполнения»). */
export const CitizenStatus = z
  .enum([
    'received',
    'in_work',
    'in_queue',
    'place_offered',
    'result_ready',
    'completed',
    'intake_refused',
    'refused',
  ])
  .describe('Status the citizen sees after the step');
export type CitizenStatus = z.infer<typeof CitizenStatus>;

/** kk/ru/en labels of the citizen-visible statuses. */
export const citizenStatusLabels = {
  received: { kk: 'Түсті', ru: 'Поступившие', en: 'Received' },
  in_work: { kk: 'Жұмыста', ru: 'В работе', en: 'In work' },
  in_queue: { kk: 'Кезекте', ru: 'В очереди', en: 'In the queue' },
  place_offered: { kk: 'Орын ұсынылды', ru: 'Предложено место', en: 'Place offered' },
  result_ready: { kk: 'Нәтиже дайын', ru: 'Результат готов к выдаче', en: 'Result ready' },
  completed: {
    kk: 'Орындау аяқталды, нәтиже берілді',
    ru: 'Завершение исполнения и выдача выходного документа',
    en: 'Completed, result issued',
  },
  intake_refused: {
    kk: 'Құжаттарды қабылдаудан бас тартылды',
    ru: 'Отказано в приеме документов',
    en: 'Refused at intake',
  },
  refused: { kk: 'Бас тартылды', ru: 'Отказано', en: 'Refused' },
} as const satisfies Record<CitizenStatus, Required<BilingualText>>;
