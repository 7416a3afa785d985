import { z } from 'zod';

/** Documents a step produces. */
export const DocumentKind = z
  .enum([
    /** расписка о приеме документов / қолхат */
    'receipt',
    /** расписка об отказе в приеме документов */
    'refusal_receipt',
    /** реестр (тізілімдеме) пакетов, передаваемых курьером */
    'register',
    /** результат оказания услуги (дубликат, выписка из приказа, справка, уведомление) */
    'result',
    /** мотивированный ответ об отказе */
    'reasoned_refusal',
    /** регистрационный талон (уведомление о постановке в очередь) — промежуточный документ */
    'registration_slip',
    /** направление в ДДО */
    'referral',
    /** сообщение об отказе (в авторизации, ЭЦП, отсутствии данных) */
    'refusal_message',
    /** уведомление о статусе / сроке / продлении */
    'status_notification',
    /** письменное согласие услугополучателя */
    'consent',
  ])
  .describe('Kind of document a step produces');
export type DocumentKind = z.infer<typeof DocumentKind>;

/**
 * The kinds of document the system renders and keeps as PDFs: those of the regulations' kinds
 * that are issued as documents, with the regulations' `register` (реестр) stored as
 * `courier_register`. One list: the templates, the stored `document.kind` and the use cases
 * name these.
 */
export const IssuedDocumentKind = {
  receipt: 'receipt',
  refusalReceipt: 'refusal_receipt',
  courierRegister: 'courier_register',
  result: 'result',
  reasonedRefusal: 'reasoned_refusal',
  registrationSlip: 'registration_slip',
  referral: 'referral',
} as const satisfies Record<string, Exclude<DocumentKind, 'register'> | 'courier_register'>;
export type IssuedDocumentKind = (typeof IssuedDocumentKind)[keyof typeof IssuedDocumentKind];
