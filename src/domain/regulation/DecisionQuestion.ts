import { z } from 'zod';

/**
 * A yes/no question a step answers; its two outcomes lead to different steps. The names follow the
 * "условие" (шарт) of the sources.
 */
export const DecisionQuestion = z
  .enum([
    /** условие 1 (portal, ИС): данные о зарегистрированном пользователе подлинны */
    'credentials_valid',
    /** условие 1 (front office): данные услугополучателя в ГБД ФЛ и доверенности в ЕНИС найдены */
    'person_data_found',
    /** условие 2: срок действия свидетельства ЭЦП, отсутствие в списке отозванных, совпадение ИИН */
    'signature_valid',
    /** полный пакет документов, документы не просрочены */
    'documents_complete',
    /** условие 2/3: приложенные документы соответствуют стандарту */
    'documents_compliant',
    /** документы и сведения в них достоверны */
    'data_reliable',
    /** решение по существу положительное (справка, а не отказ) */
    'decision_positive',
    /** есть место в ДДО */
    'place_available',
    /** услугополучатель принял предложенное место (письменное согласие) */
    'place_accepted',
    /** владелец цифрового документа дал согласие (одноразовый пароль / SMS) */
    'consent_given',
  ])
  .describe('A yes/no question answered at a step');
export type DecisionQuestion = z.infer<typeof DecisionQuestion>;
