/**
 * The documents Qyzmet issues, as one generic layout filled from the regulation's definition
 * (issue 14, point 2): each kind of document (receipt, refusal receipt, courier register,
 * result, reasoned refusal, registration slip, referral) has here — in one place — its kk/ru/en
 * label, number prefix, signer's role and the fields the engine itself fills (the request's
 * number, the documents accepted, the grounds of a refusal…); the regulation's `results`
 * entry of that kind gives the title and the further fields it lists. No service is named
 * here: a new service or region needs only its regulation file.
 */
import type { LocalizedText } from '../domain/shared/locale.js';
import type { ResultDocument } from '../domain/regulation/ResultDocument.js';
import { IssuedDocumentKind } from '../domain/regulation/DocumentKind.js';

/** Text in both languages of a document. */
export interface Bilingual {
  kk: string;
  ru: string;
}

/** Every kind of document the system issues: the one list of the domain, by its old name here. */
export const DocumentKind = IssuedDocumentKind;
export type DocumentKind = IssuedDocumentKind;

/** How a field is printed: a line of text, a numbered list, or a table of rows. */
export type FieldType = 'text' | 'list' | 'table';

export interface FieldTemplate {
  key: string;
  label: Bilingual;
  type: FieldType;
  required: boolean;
  /** Column headings of a table field. */
  columns?: Bilingual[];
  /** Ids of a definition's fields that this engine field answers (not printed twice). */
  answers?: string[];
  /** A year or a date the official types (checked when the draft is prepared). */
  format?: 'year' | 'date';
  /** What the official's form starts with: the applicant's name from the person registry. */
  prefill?: 'applicant_name';
}

/** What the generic layout prints: stored in the document's content, so it renders alone. */
export interface DocumentTemplate {
  kind: DocumentKind;
  title: Bilingual;
  /** Prefix of the document number (RCP-2026-000001). */
  numberPrefix: string;
  fields: FieldTemplate[];
  /** Paragraphs after the fields; `{key}` is replaced by the field's value. */
  paragraphs?: Bilingual[];
  /** Who signs it, as the regulation names them. */
  signerRole: Bilingual;
}

const t = (key: string, kk: string, ru: string, required = true): FieldTemplate => ({
  key,
  label: { kk, ru },
  type: 'text',
  required,
});
const list = (key: string, kk: string, ru: string, required = true): FieldTemplate => ({
  key,
  label: { kk, ru },
  type: 'list',
  required,
});

const requestNumber = {
  ...t('requestNumber', 'Өтініштің нөмірі', 'Номер заявления'),
  answers: ['request-number'],
};
const requestDate = t('requestDate', 'Өтініштің күні', 'Дата заявления');
const service = {
  ...t('service', 'Мемлекеттік көрсетілетін қызмет', 'Государственная услуга'),
  answers: ['service'],
};
const applicantName = t(
  'applicantName',
  'Көрсетілетін қызметті алушының Т.А.Ә.',
  'Ф.И.О. услугополучателя',
);
const applicantPhone = t(
  'applicantPhone',
  'Көрсетілетін қызметті алушының телефоны',
  'Телефон услугополучателя',
  false,
);
const representativeName = t('representativeName', 'Өкілдің Т.А.Ә.', 'Ф.И.О. представителя', false);
const representativePhone = t(
  'representativePhone',
  'Өкілдің телефоны',
  'Телефон представителя',
  false,
);
const operatorName = t(
  'operatorName',
  'Құжаттарды қабылдаған қызметкердің Т.А.Ә.',
  'Ф.И.О. работника, принявшего документы',
);
const grounds = list('grounds', 'Бас тарту негіздері', 'Основания для отказа');
const appeal: Bilingual = {
  kk: 'Шешімге «Мемлекеттік көрсетілетін қызметтер туралы» Заңға сәйкес көрсетілетін қызметті берушіге немесе уәкілетті органға шағым жасауға болады; шағым бес жұмыс күні ішінде қаралады.',
  ru: 'Решение может быть обжаловано в соответствии с Законом «О государственных услугах» услугодателю или в уполномоченный орган; жалоба рассматривается в течение пяти рабочих дней.',
};
const head: Bilingual = { kk: 'Басшы', ru: 'Руководитель' };

const kinds: Record<DocumentKind, DocumentTemplate> = {
  receipt: {
    kind: DocumentKind.receipt,
    title: { kk: 'Құжаттарды қабылдау туралы қолхат', ru: 'Расписка о приеме документов' },
    numberPrefix: 'RCP',
    // Receipt fields: akimat-2015-232 (extern permission), annex "расписка"; regulations digest, "Receipt fields".
    fields: [
      requestNumber,
      // With the number, opens the public status (issue 16, defect 9: numbers are sequential).
      t(
        'statusCheckCode',
        'Өтініш мәртебесін қарау коды (нөмірмен бірге)',
        'Код для просмотра статуса заявления (вместе с номером)',
        false,
      ),
      requestDate,
      service,
      {
        ...list('attachedDocuments', 'Қабылданған құжаттар', 'Принятые документы'),
        answers: ['attachments'],
      },
      t('resultIssueDateTime', 'Нәтижені беру күні мен уақыты', 'Дата и время выдачи результата'),
      {
        ...t('resultIssuePlace', 'Нәтижені беру орны', 'Место выдачи результата'),
        answers: ['issue-date-place'],
      },
      { ...operatorName, answers: ['operator-name'] },
      applicantName,
      { ...applicantPhone, answers: ['applicant-contacts'] },
      representativeName,
      representativePhone,
    ],
    signerRole: { kk: 'Қабылдаған қызметкер', ru: 'Работник, принявший документы' },
  },
  refusal_receipt: {
    kind: DocumentKind.refusalReceipt,
    title: {
      kk: 'Құжаттарды қабылдаудан бас тарту туралы қолхат',
      ru: 'Расписка об отказе в приеме документов',
    },
    numberPrefix: 'RFR',
    // Refusal at intake: incomplete package and/or expired documents (standard-education-duplicates; digest, "Front office flow").
    fields: [
      requestDate,
      service,
      applicantName,
      applicantPhone,
      representativeName,
      grounds,
      list(
        'missingDocuments',
        'Жетіспейтін немесе мерзімі өткен құжаттар',
        'Отсутствующие или просроченные документы',
        false,
      ),
      operatorName,
    ],
    paragraphs: [
      {
        kk: 'Құжаттар топтамасы толық ұсынылмағандықтан және (немесе) қолданылу мерзімі өткен құжаттар ұсынылғандықтан, құжаттарды қабылдаудан бас тартылады.',
        ru: 'В связи с представлением неполного пакета документов и (или) документов с истекшим сроком действия в приеме документов отказано.',
      },
    ],
    signerRole: { kk: 'Қызметкер', ru: 'Работник' },
  },
  courier_register: {
    kind: DocumentKind.courierRegister,
    title: {
      kk: 'Құжаттар пакеттерін беру тізілімдемесі',
      ru: 'Реестр передачи пакетов документов',
    },
    numberPrefix: 'REG',
    // akimat-2015-232 (Aktobe): the accumulation unit compiles a register ("тізілімдеме") per provider.
    fields: [
      t('frontOffice', 'Жіберуші (ХҚКО бөлімі)', 'Отправитель (отдел ЦОН)'),
      t('provider', 'Алушы (көрсетілетін қызметті беруші)', 'Получатель (услугодатель)'),
      t('courierName', 'Курьердің Т.А.Ә.', 'Ф.И.О. курьера'),
      {
        key: 'packages',
        label: { kk: 'Пакеттер', ru: 'Пакеты' },
        type: 'table',
        required: true,
        columns: [
          { kk: 'Өтініш №', ru: '№ заявления' },
          { kk: 'Көрсетілетін қызмет', ru: 'Услуга' },
          { kk: 'Алушы', ru: 'Услугополучатель' },
          { kk: 'Парақ саны', ru: 'Листов' },
        ],
      },
    ],
    signerRole: { kk: 'Жинақтау секторының қызметкері', ru: 'Работник накопительного сектора' },
  },
  reasoned_refusal: {
    kind: DocumentKind.reasonedRefusal,
    title: {
      kk: 'Мемлекеттік қызмет көрсетуден бас тарту туралы дәлелді жауап',
      ru: 'Мотивированный ответ об отказе в оказании государственной услуги',
    },
    numberPrefix: 'REF',
    fields: [requestNumber, requestDate, service, applicantName, grounds],
    paragraphs: [appeal],
    signerRole: head,
  },
  result: {
    kind: DocumentKind.result,
    title: {
      kk: 'Мемлекеттік қызмет көрсетудің нәтижесі',
      ru: 'Результат оказания государственной услуги',
    },
    numberPrefix: 'RES',
    fields: [requestNumber],
    signerRole: head,
  },
  registration_slip: {
    kind: DocumentKind.registrationSlip,
    title: { kk: 'Тіркеу талоны', ru: 'Регистрационный талон' },
    numberPrefix: 'SLP',
    fields: [requestNumber],
    signerRole: head,
  },
  referral: {
    kind: DocumentKind.referral,
    title: { kk: 'Жолдама', ru: 'Направление' },
    numberPrefix: 'RFL',
    fields: [requestNumber],
    signerRole: head,
  },
};

/** The English names of the kinds (screens in English; documents are kk/ru). */
const englishLabels: Record<DocumentKind, string> = {
  receipt: 'Receipt for documents',
  refusal_receipt: 'Receipt of refusal to accept documents',
  courier_register: 'Register of packages handed over',
  result: 'Result of the public service',
  reasoned_refusal: 'Reasoned refusal',
  registration_slip: 'Registration slip',
  referral: 'Referral',
};

/** Whether `kind` is one of the kinds Qyzmet issues. */
export function isDocumentKind(kind: string): kind is DocumentKind {
  return Object.hasOwn(kinds, kind);
}

/**
 * The label of a kind of document in kk/ru/en — the one place screens and pages name a kind.
 * An unknown kind (a document stored before the kinds were generic) is named as a result.
 */
export function documentKindLabel(kind: string): LocalizedText {
  const known = isDocumentKind(kind) ? kind : DocumentKind.result;
  return { ...kinds[known].title, en: englishLabels[known] };
}

/** Kinds whose definition fields the official must fill (the service's own output). */
const officialFills: ReadonlySet<DocumentKind> = new Set([
  DocumentKind.result,
  DocumentKind.registrationSlip,
  DocumentKind.referral,
]);

/**
 * The template of a document: the kind's layout (label, number prefix, signer, the fields the
 * engine fills and its paragraphs) with the title and the fields of the regulation's `results`
 * entry when one is given. A definition field that an engine field answers (`answers`) is not
 * printed twice; the others are required where the official writes the service's output
 * (result, registration slip, referral) and optional elsewhere.
 */
export function findTemplate(
  kind: DocumentKind,
  definition?: Pick<ResultDocument, 'title' | 'fields'>,
): DocumentTemplate {
  const base = kinds[kind];
  if (!definition) return base;
  const answered = new Set(base.fields.flatMap((field) => field.answers ?? []));
  const own = definition.fields
    .filter((field) => !answered.has(field.id))
    .map((field): FieldTemplate => ({
      key: field.id,
      label: { kk: field.label.kk, ru: field.label.ru },
      type: 'text',
      required: officialFills.has(kind),
      ...(field.format && field.format !== 'text' ? { format: field.format } : {}),
      ...(field.prefill ? { prefill: field.prefill } : {}),
    }));
  const [first, ...rest] = base.fields;
  return {
    ...base,
    title: { kk: definition.title.kk, ru: definition.title.ru },
    // The service's own fields first, the request's number after them (as printed before).
    fields: officialFills.has(kind)
      ? [...own, ...base.fields]
      : [...(first ? [first] : []), ...rest, ...own],
  };
}

/** Every kind with its generic template, for documentation and tests. */
export function listTemplates(): DocumentTemplate[] {
  return Object.values(kinds);
}
