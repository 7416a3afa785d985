/**
 * The document templates, as data: keyed by service code and document kind ("*" for the
 * documents every service issues). Each document carries both the Kazakh and the Russian
 * title and labels: an official in a region reads and issues bilingual forms (the state
 * language first), and the citizen may use either.
 */

/** Text in both languages of a document. */
export interface Bilingual {
  kk: string;
  ru: string;
}

/** The service codes of the regulations (issue 3 defines them). */
export const ServiceCode = {
  externPermission: 'extern-permission',
  duplicates: 'duplicates',
  schoolAdmission: 'school-admission',
  kindergartenQueue: 'kindergarten-queue',
  archiveCertificate: 'archive-certificate',
  unemployedCertificate: 'unemployed-certificate',
  disabledChildrenHomeEducation: 'disabled-children-home-education',
} as const;
export type ServiceCode = (typeof ServiceCode)[keyof typeof ServiceCode];

/** Every kind of document the system issues. */
export const DocumentKind = {
  receipt: 'receipt',
  refusalReceipt: 'refusal_receipt',
  courierRegister: 'courier_register',
  registrationSlip: 'registration_slip',
  kindergartenReferral: 'kindergarten_referral',
  orderExtract: 'order_extract',
  duplicateRecord: 'duplicate_record',
  enrolmentNotice: 'enrolment_notice',
  archiveCertificate: 'archive_certificate',
  unemployedCertificate: 'unemployed_certificate',
  supportNotification: 'support_notification',
  reasonedRefusal: 'reasoned_refusal',
} as const;
export type DocumentKind = (typeof DocumentKind)[keyof typeof DocumentKind];

/** How a field is printed: a line of text, a numbered list, or a table of rows. */
export type FieldType = 'text' | 'list' | 'table';

export interface FieldTemplate {
  key: string;
  label: Bilingual;
  type: FieldType;
  required: boolean;
  /** Column headings of a table field. */
  columns?: Bilingual[];
}

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

const requestNumber = t('requestNumber', 'Өтініштің нөмірі', 'Номер заявления');
const requestDate = t('requestDate', 'Өтініштің күні', 'Дата заявления');
const service = t('service', 'Мемлекеттік көрсетілетін қызмет', 'Государственная услуга');
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
const childName = t('childName', 'Баланың Т.А.Ә.', 'Ф.И.О. ребёнка');
const childBirthDate = t('childBirthDate', 'Баланың туған күні', 'Дата рождения ребёнка');
const orderNumber = t('orderNumber', 'Бұйрықтың нөмірі', 'Номер приказа');
const orderDate = t('orderDate', 'Бұйрықтың күні', 'Дата приказа');
const appeal: Bilingual = {
  kk: 'Шешімге «Мемлекеттік көрсетілетін қызметтер туралы» Заңға сәйкес көрсетілетін қызметті берушіге немесе уәкілетті органға шағым жасауға болады; шағым бес жұмыс күні ішінде қаралады.',
  ru: 'Решение может быть обжаловано в соответствии с Законом «О государственных услугах» услугодателю или в уполномоченный орган; жалоба рассматривается в течение пяти рабочих дней.',
};
const head: Bilingual = { kk: 'Басшы', ru: 'Руководитель' };

/** The documents every service issues (front office and provider office). */
const common: Record<
  'receipt' | 'refusal_receipt' | 'courier_register' | 'reasoned_refusal',
  DocumentTemplate
> = {
  receipt: {
    kind: DocumentKind.receipt,
    title: { kk: 'Құжаттарды қабылдау туралы қолхат', ru: 'Расписка о приеме документов' },
    numberPrefix: 'RCP',
    // Receipt fields: seed 001 (extern permission), annex "расписка"; regulations digest, "Receipt fields".
    fields: [
      requestNumber,
      requestDate,
      service,
      list('attachedDocuments', 'Қабылданған құжаттар', 'Принятые документы'),
      t('resultIssueDateTime', 'Нәтижені беру күні мен уақыты', 'Дата и время выдачи результата'),
      t('resultIssuePlace', 'Нәтижені беру орны', 'Место выдачи результата'),
      operatorName,
      applicantName,
      applicantPhone,
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
    // Refusal at intake: incomplete package and/or expired documents (seed 002; digest, "Front office flow").
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
    // Seed 001 (Aktobe): the accumulation unit compiles a register ("тізілімдеме") per provider.
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
};

/** The results of each service (regulations digest, "The services", column "result"). */
const results: Record<ServiceCode, Partial<Record<DocumentKind, DocumentTemplate>>> = {
  'extern-permission': {
    order_extract: {
      kind: DocumentKind.orderExtract,
      title: {
        kk: 'Экстернат нысанында оқуға рұқсат беру туралы бұйрықтан үзінді',
        ru: 'Выписка из приказа о разрешении обучения в форме экстерната',
      },
      numberPrefix: 'EXT',
      fields: [
        orderNumber,
        orderDate,
        t('studentName', 'Білім алушының Т.А.Ә.', 'Ф.И.О. обучающегося'),
        t('school', 'Білім беру ұйымы', 'Организация образования'),
        t('grade', 'Сынып', 'Класс'),
        requestNumber,
      ],
      paragraphs: [
        {
          kk: '{studentName} негізгі орта, жалпы орта білім беру ұйымында экстернат нысанында оқуға рұқсат етілсін.',
          ru: 'Разрешить {studentName} обучение в форме экстерната в организации основного среднего, общего среднего образования.',
        },
      ],
      signerRole: head,
    },
  },
  duplicates: {
    duplicate_record: {
      kind: DocumentKind.duplicateRecord,
      title: {
        kk: 'Білім туралы құжаттың телнұсқасын беру туралы жазба',
        ru: 'Запись о выдаче дубликата документа об образовании',
      },
      numberPrefix: 'DUP',
      fields: [
        t(
          'documentType',
          'Құжаттың түрі (аттестат, куәлік)',
          'Вид документа (аттестат, свидетельство)',
        ),
        t('duplicateNumber', 'Телнұсқаның сериясы мен нөмірі', 'Серия и номер дубликата'),
        t('holderName', 'Құжат иесінің Т.А.Ә.', 'Ф.И.О. владельца документа'),
        t('school', 'Білім беру ұйымы', 'Организация образования'),
        t('graduationYear', 'Бітірген жылы', 'Год окончания'),
        requestNumber,
      ],
      signerRole: { kk: 'Мектеп директоры', ru: 'Директор школы' },
    },
  },
  'school-admission': {
    enrolment_notice: {
      kind: DocumentKind.enrolmentNotice,
      title: {
        kk: 'Білім беру ұйымына қабылдау туралы хабарлама',
        ru: 'Уведомление о зачислении в организацию образования',
      },
      numberPrefix: 'ENR',
      fields: [
        childName,
        t('school', 'Білім беру ұйымы', 'Организация образования'),
        t('grade', 'Сынып', 'Класс'),
        orderNumber,
        orderDate,
        t('studyStart', 'Оқудың басталуы', 'Начало обучения'),
        requestNumber,
      ],
      paragraphs: [
        {
          kk: '{childName} оқу жылының басынан бастап {school} білім беру ұйымына қабылданды.',
          ru: '{childName} зачислен(а) в {school} с начала учебного года.',
        },
      ],
      signerRole: { kk: 'Мектеп директоры', ru: 'Директор школы' },
    },
  },
  'kindergarten-queue': {
    registration_slip: {
      kind: DocumentKind.registrationSlip,
      title: {
        kk: 'Мектепке дейінгі ұйымға кезекке қою туралы тіркеу талоны',
        ru: 'Регистрационный талон о постановке на очередь в дошкольную организацию',
      },
      numberPrefix: 'KGS',
      fields: [
        childName,
        childBirthDate,
        t('district', 'Аудан', 'Район'),
        t('queuePosition', 'Кезектегі нөмірі', 'Номер в очереди'),
        t('priorityCategory', 'Басымдық санаты', 'Категория очередности', false),
        list('preferredKindergartens', 'Таңдалған балабақшалар', 'Выбранные детские сады', false),
        requestNumber,
      ],
      signerRole: { kk: 'Білім бөлімінің маманы', ru: 'Специалист отдела образования' },
    },
    kindergarten_referral: {
      kind: DocumentKind.kindergartenReferral,
      title: { kk: 'Мектепке дейінгі ұйымға жолдама', ru: 'Направление в дошкольную организацию' },
      numberPrefix: 'KGR',
      fields: [
        childName,
        childBirthDate,
        t('kindergarten', 'Мектепке дейінгі ұйым', 'Дошкольная организация'),
        t('group', 'Топ', 'Группа'),
        t('validUntil', 'Жолдаманың жарамдылық мерзімі', 'Направление действительно до'),
        requestNumber,
      ],
      signerRole: { kk: 'Білім бөлімінің басшысы', ru: 'Руководитель отдела образования' },
    },
  },
  'archive-certificate': {
    archive_certificate: {
      kind: DocumentKind.archiveCertificate,
      title: { kk: 'Мұрағаттық анықтама', ru: 'Архивная справка' },
      numberPrefix: 'ARC',
      fields: [
        applicantName,
        t('subject', 'Сұрау салудың тақырыбы', 'Тема запроса'),
        t('findings', 'Мұрағаттық деректер', 'Архивные сведения'),
        t(
          'sources',
          'Негіздеме (қор, тізімдеме, іс, парақ)',
          'Основание (фонд, опись, дело, лист)',
        ),
        requestNumber,
      ],
      signerRole: { kk: 'Мұрағат директоры', ru: 'Директор архива' },
    },
  },
  'unemployed-certificate': {
    unemployed_certificate: {
      kind: DocumentKind.unemployedCertificate,
      title: {
        kk: 'Жұмыссыз ретінде тіркелгені туралы анықтама',
        ru: 'Справка о регистрации в качестве безработного',
      },
      numberPrefix: 'UNE',
      fields: [
        applicantName,
        t('iin', 'ЖСН', 'ИИН'),
        t('registeredOn', 'Тіркелген күні', 'Дата регистрации'),
        t('employmentCentre', 'Халықты жұмыспен қамту орталығы', 'Центр занятости населения'),
        requestNumber,
      ],
      paragraphs: [
        {
          kk: '{applicantName} {registeredOn} бастап жұмыссыз ретінде тіркелген.',
          ru: '{applicantName} зарегистрирован(а) в качестве безработного с {registeredOn}.',
        },
      ],
      signerRole: head,
    },
  },
  'disabled-children-home-education': {
    support_notification: {
      kind: DocumentKind.supportNotification,
      title: {
        kk: 'Үйде оқитын мүгедек балаларды материалдық қамтамасыз етуге құжаттарды ресімдеу туралы хабарлама',
        ru: 'Уведомление об оформлении документов на материальное обеспечение детей-инвалидов, обучающихся на дому',
      },
      numberPrefix: 'DCS',
      fields: [
        applicantName,
        childName,
        t('period', 'Кезең', 'Период'),
        t(
          'department',
          'Жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
          'Отдел занятости и социальных программ',
        ),
        requestNumber,
      ],
      paragraphs: [
        {
          kk: 'Құжаттар ресімделді; материалдық қамтамасыз ету комиссияның шешімі бойынша тағайындалады.',
          ru: 'Документы оформлены; материальное обеспечение назначается по решению комиссии.',
        },
      ],
      signerRole: head,
    },
  },
};

/**
 * The template for a kind of document of a service: the service's own, else the common one.
 * Undefined when the service does not issue that kind.
 */
export function findTemplate(
  kind: DocumentKind,
  serviceCode: string | null,
): DocumentTemplate | undefined {
  const own = serviceCode ? results[serviceCode as ServiceCode]?.[kind] : undefined;
  if (own) return own;
  return (common as Partial<Record<DocumentKind, DocumentTemplate>>)[kind];
}

/** Every (service, kind) pair with its template, for documentation and tests. */
export function listTemplates(): Array<{ serviceCode: string; template: DocumentTemplate }> {
  return [
    ...Object.values(common).map((template) => ({ serviceCode: '*', template })),
    ...Object.entries(results).flatMap(([serviceCode, kinds]) =>
      Object.values(kinds).map((template) => ({ serviceCode, template })),
    ),
  ];
}
