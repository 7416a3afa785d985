import { z } from 'zod';

/** How a flow ends at a final step. */
export const EndOutcome = z
  .enum([
    /** результат выдан (включая направление, справку, дубликат) */
    'result_issued',
    /** выдан мотивированный ответ об отказе */
    'reasoned_refusal_issued',
    /** отказано в приеме документов (расписка об отказе) */
    'intake_refused',
    /** запрос отклонен до регистрации (авторизация, ЭЦП, нет данных в ГБД ФЛ/ЕНИС) */
    'request_rejected',
  ])
  .describe('How the process ends at this step');
export type EndOutcome = z.infer<typeof EndOutcome>;
