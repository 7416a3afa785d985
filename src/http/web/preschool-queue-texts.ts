import type { Locale, LocalizedText } from '../../domain/shared/locale.js';

/**
 * The texts of the kindergarten queue's pages (issue 19) in kk, ru and en: the cabinet's
 * registration, position and offers, the public position lookup and protocol, the
 * kindergarten's places and the department head's statistics.
 */
export const qt = {
  queueTitle: { kk: 'Балабақша кезегі', ru: 'Очередь в детский сад', en: 'Kindergarten queue' },
  myQueue: {
    kk: 'Балабақшаға кезектегі балаларым',
    ru: 'Мои дети в очереди в детский сад',
    en: 'My children in the kindergarten queue',
  },
  registerTitle: {
    kk: 'Баланы балабақшаға кезекке қою',
    ru: 'Поставить ребёнка в очередь в детский сад',
    en: 'Put a child in the kindergarten queue',
  },
  registerLead: {
    kk: 'Баланың ЖСН-і мен туған күнін туу туралы куәлік бойынша енгізіңіз, үш балабақшаға дейін таңдаңыз.',
    ru: 'Укажите ИИН и дату рождения ребёнка по свидетельству о рождении и выберите до трёх детских садов.',
    en: 'Enter the child’s IIN and date of birth as in the birth record and choose up to three kindergartens.',
  },
  register: { kk: 'Кезекке қою', ru: 'Поставить в очередь', en: 'Register in the queue' },
  district: { kk: 'Аудан', ru: 'Район', en: 'District' },
  childIin: { kk: 'Баланың ЖСН-і', ru: 'ИИН ребёнка', en: 'Child’s IIN' },
  birthDate: { kk: 'Туған күні', ru: 'Дата рождения', en: 'Date of birth' },
  phone: { kk: 'SMS үшін телефон', ru: 'Телефон для SMS', en: 'Phone for SMS' },
  phoneHint: { kk: '+77011234567 пішімінде', ru: 'В формате +77011234567', en: 'As +77011234567' },
  category: { kk: 'Кезек санаты', ru: 'Категория очереди', en: 'Queue category' },
  categoryHint: {
    kk: 'Жеңілдікті құжаттармен 5 жұмыс күні ішінде растау қажет, әйтпесе бала жалпы кезекке ауыстырылады.',
    ru: 'Льготу нужно подтвердить документами в течение 5 рабочих дней, иначе ребёнок переводится в общую очередь.',
    en: 'A privilege must be confirmed by documents within 5 working days, else the child moves to the general queue.',
  },
  kindergartens: {
    kk: 'Балабақшалар (үшеуге дейін)',
    ru: 'Детские сады (до трёх)',
    en: 'Kindergartens (up to three)',
  },
  language: { kk: 'Оқыту тілі', ru: 'Язык обучения', en: 'Language of instruction' },
  languages: {
    kk: { kk: 'қазақ тілі', ru: 'казахский', en: 'Kazakh' },
    ru: { kk: 'орыс тілі', ru: 'русский', en: 'Russian' },
  } as Record<string, LocalizedText>,
  specialNeeds: {
    kk: 'Арнайы топ (қажет болса)',
    ru: 'Специальная группа (при необходимости)',
    en: 'Special-needs group (if needed)',
  },
  noSpecialNeeds: { kk: 'Қажет емес', ru: 'Не нужна', en: 'Not needed' },
  specialNeedsKinds: {
    speech: { kk: 'логопедиялық топ', ru: 'логопедическая группа', en: 'speech therapy group' },
  } as Record<string, LocalizedText>,
  desiredStart: {
    kk: 'Қалаған басталу күні',
    ru: 'Желаемая дата начала',
    en: 'Desired start date',
  },
  slipTitle: { kk: 'Тіркеу талоны', ru: 'Регистрационный талон', en: 'Registration slip' },
  slipNumber: { kk: 'Талон нөмірі', ru: 'Номер талона', en: 'Slip number' },
  slipNumberHint: {
    kk: 'Q-1234-5678-90 пішімінде',
    ru: 'В формате Q-1234-5678-90',
    en: 'As Q-1234-5678-90',
  },
  position: { kk: 'Кезектегі орны', ru: 'Позиция в очереди', en: 'Position in the queue' },
  status: { kk: 'Күйі', ru: 'Статус', en: 'Status' },
  registeredAt: { kk: 'Тіркелген уақыты', ru: 'Дата и время постановки', en: 'Registered' },
  statuses: {
    waiting: { kk: 'Кезекте', ru: 'В очереди', en: 'Waiting' },
    offered: { kk: 'Орын ұсынылды', ru: 'Предложено место', en: 'Place offered' },
    referred: { kk: 'Жолдама берілді', ru: 'Выдано направление', en: 'Referral issued' },
    enrolled: { kk: 'Балабақшаға қабылданды', ru: 'Зачислен в детский сад', en: 'Enrolled' },
    left: { kk: 'Кезектен шықты', ru: 'Снят с очереди', en: 'Left the queue' },
    aged_out: {
      kk: '7 жасқа толып, кезектен шықты',
      ru: 'Снят с очереди по достижении 7 лет',
      en: 'Left the queue on turning 7',
    },
  } as Record<string, LocalizedText>,
  categories: {
    extraordinary: {
      kk: 'Кезектен тыс құқық',
      ru: 'Внеочередное право',
      en: 'Extraordinary right',
    },
    primary: { kk: 'Бірінші кезектегі құқық', ru: 'Первоочередное право', en: 'Primary right' },
    general: { kk: 'Жалпы кезек', ru: 'Общая очередь', en: 'General queue' },
  } as Record<string, LocalizedText>,
  whyChanged: {
    kk: 'Орын неге өзгерді',
    ru: 'Почему изменилась позиция',
    en: 'Why the position changed',
  },
  previous: { kk: 'Бұрынғы орны', ru: 'Прежняя позиция', en: 'Previous position' },
  aheadGotPlaces: {
    kk: 'Алдыңғы балалардың орын алғаны',
    ru: 'Детям впереди предоставлены места',
    en: 'Children ahead received places',
  },
  aheadAgedOut: {
    kk: 'Алдыңғы балалар 7 жасқа толып, кезектен шықты',
    ru: 'Дети впереди сняты с очереди по достижении 7 лет',
    en: 'Children ahead left the queue on turning 7',
  },
  messages: { kk: 'Хабарламалар', ru: 'Сообщения', en: 'Messages' },
  higherCategoryRegistered: {
    kk: 'Жоғары санаттағы балалар кезекке қойылды',
    ru: 'Встали в очередь дети более высокой категории',
    en: 'Children of a higher category registered',
  },
  privilegeLost: {
    kk: 'Жеңілдік уақытында расталмады: бала жалпы кезекке ауыстырылды',
    ru: 'Льгота не подтверждена вовремя: ребёнок переведён в общую очередь',
    en: 'The privilege was not confirmed in time: the child moved to the general queue',
  },
  noChange: {
    kk: 'Соңғы қараған кезден бері орын өзгерген жоқ.',
    ru: 'С последнего просмотра позиция не менялась.',
    en: 'The position has not changed since it was last looked at.',
  },
  offers: {
    kk: 'Ұсыныстар мен жолдамалар',
    ru: 'Предложения и направления',
    en: 'Offers and referrals',
  },
  noOffers: { kk: 'Ұсыныстар жоқ.', ru: 'Предложений нет.', en: 'No offers.' },
  kindergarten: { kk: 'Балабақша', ru: 'Детский сад', en: 'Kindergarten' },
  group: { kk: 'Топ', ru: 'Группа', en: 'Group' },
  years: { kk: 'жас', ru: 'лет', en: 'years' },
  answerBy: { kk: 'Жауап беру мерзімі', ru: 'Ответить до', en: 'Answer by' },
  offerStatuses: {
    open: { kk: 'Жауап күтілуде', ru: 'Ожидает ответа', en: 'Awaiting your answer' },
    accepted: {
      kk: 'Қабылданды, жолдама берілді',
      ru: 'Принято, выдано направление',
      en: 'Accepted, referral issued',
    },
    declined: { kk: 'Бас тартылды', ru: 'Отказ', en: 'Declined' },
    expired: { kk: 'Мерзімі өтті', ru: 'Срок истёк', en: 'Expired' },
    offered: { kk: 'Ұсынылды', ru: 'Предложено', en: 'Offered' },
  } as Record<string, LocalizedText>,
  openOffer: { kk: 'Ұсынысты ашу', ru: 'Открыть предложение', en: 'Open the offer' },
  offerTitle: { kk: 'Балабақшадағы орын', ru: 'Место в детском саду', en: 'A kindergarten place' },
  offerLead: {
    kk: 'Қабылдау бір реттік құпия сөзбен қол қойылады; бас тартсаңыз, бала кезекте қалады.',
    ru: 'Согласие подписывается одноразовым паролем; при отказе ребёнок остаётся в очереди.',
    en: 'Accepting is signed with a one-time password; if you decline, the child stays in the queue.',
  },
  sendCode: { kk: 'Кодты жіберу', ru: 'Отправить код', en: 'Send the code' },
  codeSent: {
    kk: 'Код {phone} нөміріне жіберілді.',
    ru: 'Код отправлен на номер {phone}.',
    en: 'The code was sent to {phone}.',
  },
  code: { kk: 'SMS-тегі код', ru: 'Код из SMS', en: 'Code from the SMS' },
  extended: {
    kk: 'Жолдаманы 30 күнге ұзарту',
    ru: 'Продлить направление до 30 дней',
    en: 'Extend the referral to 30 days',
  },
  accept: { kk: 'Қабылдау және қол қою', ru: 'Принять и подписать', en: 'Accept and sign' },
  decline: { kk: 'Бас тарту', ru: 'Отказаться', en: 'Decline' },
  declined: {
    kk: 'Сіз ұсыныстан бас тарттыңыз: бала кезекте қалды.',
    ru: 'Вы отказались от предложения: ребёнок остался в очереди.',
    en: 'You declined the offer: the child stays in the queue.',
  },
  referral: { kk: 'Жолдама', ru: 'Направление', en: 'Referral' },
  referralNumber: { kk: 'Жолдама нөмірі', ru: 'Номер направления', en: 'Referral number' },
  validUntil: { kk: 'Жарамды мерзімі', ru: 'Действительно до', en: 'Valid until' },
  referralPdf: { kk: 'Жолдама (PDF)', ru: 'Направление (PDF)', en: 'Referral (PDF)' },
  referralsAwaiting: {
    kk: 'Қабылдауды күтетін жолдамалар',
    ru: 'Направления, ожидающие зачисления',
    en: 'Referrals awaiting enrolment',
  },
  noReferrals: {
    kk: 'Қабылдауды күтетін жолдама жоқ.',
    ru: 'Направлений, ожидающих зачисления, нет.',
    en: 'No referral awaits enrolment.',
  },
  referralIssue: {
    kk: 'Жолдаманың құжатын алу',
    ru: 'Получить документ направления',
    en: 'Get the referral document',
  },
  offerClosed: {
    kk: 'Бұл ұсыныс енді ашық емес.',
    ru: 'Это предложение больше не открыто.',
    en: 'This offer is no longer open.',
  },
  lookupTitle: {
    kk: 'Балабақша кезегіндегі орын',
    ru: 'Позиция в очереди в детский сад',
    en: 'Position in the kindergarten queue',
  },
  lookupLead: {
    kk: 'Тіркеу талонының нөмірі бойынша: жеке деректерсіз.',
    ru: 'По номеру регистрационного талона, без персональных данных.',
    en: 'By the registration slip number, without personal data.',
  },
  check: { kk: 'Тексеру', ru: 'Проверить', en: 'Check' },
  slipUnknown: {
    kk: 'Мұндай нөмірлі талон табылмады.',
    ru: 'Талон с таким номером не найден.',
    en: 'No slip with this number was found.',
  },
  protocolTitle: {
    kk: 'Балабақшаға орын бөлу хаттамасы',
    ru: 'Протокол распределения мест в детские сады',
    en: 'Protocol of kindergarten place allocation',
  },
  protocolLead: {
    kk: 'Әрбір ұсыныс, жолдама және жарияланған орын — жеке деректерсіз.',
    ru: 'Каждое предложение, направление и опубликованное место — без персональных данных.',
    en: 'Every offer, referral and published place — without personal data.',
  },
  show: { kk: 'Көрсету', ru: 'Показать', en: 'Show' },
  date: { kk: 'Күні', ru: 'Дата', en: 'Date' },
  event: { kk: 'Оқиға', ru: 'Событие', en: 'Event' },
  run: { kk: 'Бөлу №', ru: 'Распределение №', en: 'Run No.' },
  placesPublished: {
    kk: 'Жарияланған орындар',
    ru: 'Опубликованные места',
    en: 'Places published',
  },
  placeStatuses: {
    free: { kk: 'Бос', ru: 'Свободно', en: 'Free' },
    offered: { kk: 'Ұсынылды', ru: 'Предложено', en: 'Offered' },
    taken: { kk: 'Берілді', ru: 'Занято', en: 'Taken' },
  } as Record<string, LocalizedText>,
  nothing: { kk: 'Жазбалар жоқ.', ru: 'Записей нет.', en: 'No entries.' },
  placesTitle: {
    kk: 'Балабақшаның бос орындары',
    ru: 'Свободные места детского сада',
    en: 'The kindergarten’s free places',
  },
  placesLead: {
    kk: 'Орын босағанда жариялаңыз: ол бірден аудан кезегі бойынша ұсынылады.',
    ru: 'Публикуйте место, как только оно освободилось: оно сразу предлагается по очереди района.',
    en: 'Publish a place as soon as it frees up: it is offered at once in the district’s queue order.',
  },
  places: { kk: 'Орындар саны', ru: 'Количество мест', en: 'Number of places' },
  placesError: {
    kk: 'Орындар санын 1-ден 100-ге дейін енгізіңіз',
    ru: 'Укажите количество мест от 1 до 100',
    en: 'Enter a number of places from 1 to 100',
  },
  publish: { kk: 'Жариялау', ru: 'Опубликовать', en: 'Publish' },
  published: {
    kk: 'Орындар жарияланды. Ұсыныс алған талондар:',
    ru: 'Места опубликованы. Предложено талонам:',
    en: 'Places published. Offered to slips:',
  },
  free: { kk: 'Бос', ru: 'Свободно', en: 'Free' },
  offeredCount: { kk: 'Ұсынылған', ru: 'Предложено', en: 'Offered' },
  taken: { kk: 'Берілген', ru: 'Занято', en: 'Taken' },
  enrolTitle: {
    kk: 'Жолдама бойынша қабылдау',
    ru: 'Зачисление по направлению',
    en: 'Enrol on a referral',
  },
  enrol: { kk: 'Қабылдау', ru: 'Зачислить', en: 'Enrol' },
  enrolled: { kk: 'Бала қабылданды.', ru: 'Ребёнок зачислен.', en: 'The child is enrolled.' },
  referralFormat: {
    kk: 'N-1234-5678-90-12 пішімінде',
    ru: 'В формате N-1234-5678-90-12',
    en: 'As N-1234-5678-90-12',
  },
  referralUnknown: {
    kk: 'Сіздің балабақшаңызда мұндай жолдама жоқ.',
    ru: 'Такого направления в ваш детский сад нет.',
    en: 'Your kindergarten has no such referral.',
  },
  referralNotValid: {
    kk: 'Жолдама жарамсыз (мерзімі өткен немесе пайдаланылған).',
    ru: 'Направление недействительно (истекло или уже использовано).',
    en: 'The referral is not valid (lapsed or already used).',
  },
  noKindergartens: {
    kk: 'Сіздің ұйымыңызда кезектегі балабақша жоқ.',
    ru: 'У вашей организации нет детских садов в очереди.',
    en: 'Your organisation has no kindergartens in the queue.',
  },
  statisticsTitle: {
    kk: 'Балабақша кезегінің статистикасы',
    ru: 'Статистика очереди в детские сады',
    en: 'Kindergarten queue statistics',
  },
  waitingByAge: { kk: 'Жасы бойынша кезекте', ru: 'В очереди по возрасту', en: 'Waiting by age' },
  age: { kk: 'Жасы', ru: 'Возраст', en: 'Age' },
  children: { kk: 'Балалар', ru: 'Детей', en: 'Children' },
  offersByOutcome: { kk: 'Ұсыныстар', ru: 'Предложения мест', en: 'Places offered' },
  outcome: { kk: 'Нәтижесі', ru: 'Итог', en: 'Outcome' },
  count: { kk: 'Саны', ru: 'Количество', en: 'Count' },
  enrolledCount: { kk: 'Қабылданғандар', ru: 'Зачислено', en: 'Enrolled' },
  privilegesTitle: {
    kk: 'Жеңілдіктерді растау',
    ru: 'Подтверждение льгот',
    en: 'Confirming privileges',
  },
  privilegesLead: {
    kk: 'Ата-аналар мәлімдеген жеңілдіктер құжаттармен расталуы тиіс. Мерзімінде расталмаған жеңілдік жойылады: бала тіркелген уақыты бойынша жалпы кезекке ауысады.',
    ru: 'Заявленные родителями льготы подтверждаются документами. Не подтверждённая в срок льгота утрачивается: ребёнок переходит в общую очередь по времени постановки.',
    en: 'Privileges claimed by parents are confirmed by documents. A privilege not confirmed in time is lost: the child moves to the general queue at its registration time.',
  },
  confirmBy: { kk: 'Растау мерзімі', ru: 'Подтвердить до', en: 'Confirm by' },
  decision: { kk: 'Шешім', ru: 'Решение', en: 'Decision' },
  confirmPrivilege: { kk: 'Растау', ru: 'Подтвердить', en: 'Confirm' },
  rejectPrivilege: { kk: 'Бас тарту', ru: 'Отклонить', en: 'Reject' },
  noPrivileges: {
    kk: 'Растауды күтіп тұрған жеңілдіктер жоқ.',
    ru: 'Льгот, ожидающих подтверждения, нет.',
    en: 'No privileges await confirmation.',
  },
  privilegeConfirmed: {
    kk: 'Жеңілдік расталды',
    ru: 'Льгота подтверждена',
    en: 'Privilege confirmed',
  },
  privilegeRejected: {
    kk: 'Жеңілдік қабылданбады: бала жалпы кезекке ауыстырылды',
    ru: 'Льгота отклонена: ребёнок переведён в общую очередь',
    en: 'Privilege rejected: the child moved to the general queue',
  },
  privilegeUnknown: {
    kk: 'Бөліміңіздің аудандарында мұндай талон жоқ.',
    ru: 'Такого талона нет в районах вашего отдела.',
    en: 'No such slip in your department’s districts.',
  },
  privilegeNotPending: {
    kk: 'Бұл жеңілдік бойынша шешім қабылданған немесе оны растау мерзімі өтті.',
    ru: 'По этой льготе уже принято решение или срок её подтверждения истёк.',
    en: 'This privilege is already decided, or its confirmation deadline has passed.',
  },
  chooseDecision: {
    kk: 'Растау немесе бас тарту таңдаңыз.',
    ru: 'Выберите: подтвердить или отклонить.',
    en: 'Choose to confirm or to reject.',
  },
  intakeRoundTitle: {
    kk: 'Жыл сайынғы қабылдау кезеңі',
    ru: 'Ежегодный период комплектования',
    en: 'Yearly intake round',
  },
  intakeRoundWindow: {
    kk: 'Кезең мерзімі',
    ru: 'Сроки периода',
    en: 'The round’s window',
  },
  intakeRoundLead: {
    kk: 'Кезең ішінде жарияланған және босаған орындар күтеді және бір үлестіру арқылы кезек тәртібімен беріледі.',
    ru: 'В период комплектования опубликованные и освободившиеся места ждут и распределяются одним распределением в порядке очереди.',
    en: 'During the round, places published or freed wait and are allocated in one run, in queue order.',
  },
  runIntakeRound: {
    kk: 'Кезең бойынша орындарды үлестіру',
    ru: 'Распределить места периода',
    en: 'Allocate the round’s places',
  },
  intakeRoundDone: {
    kk: 'Үлестіру жүргізілді, орын ұсынылды',
    ru: 'Распределение проведено, места предложены',
    en: 'The round’s allocation ran; places offered to',
  },
  intakeRoundClosed: {
    kk: 'Қабылдау кезеңі қазір ашық емес.',
    ru: 'Период комплектования сейчас не идёт.',
    en: 'The intake round is not open now.',
  },
  heldForIntakeRound: {
    kk: 'Орындар жарияланды және қабылдау кезеңінің үлестіруін күтеді.',
    ru: 'Места опубликованы и ждут распределения периода комплектования.',
    en: 'The places are published and wait for the intake round’s allocation.',
  },
  noDistricts: {
    kk: 'Сіздің бөліміңіз кезек жүргізбейді.',
    ru: 'Ваш отдел не ведёт очередь.',
    en: 'Your department keeps no queue.',
  },
  childAlreadyQueued: {
    kk: 'Бала кезекте тұр.',
    ru: 'Ребёнок уже стоит в очереди.',
    en: 'The child is already in the queue.',
  },
  fieldRequired: { kk: 'Толтырыңыз', ru: 'Заполните поле', en: 'Fill in this field' },
  iinInvalid: { kk: 'ЖСН дұрыс емес', ru: 'Неверный ИИН', en: 'The IIN is not valid' },
  dateInvalid: { kk: 'Күнді енгізіңіз', ru: 'Укажите дату', en: 'Enter a date' },
  phoneInvalid: {
    kk: '+77011234567 пішімінде енгізіңіз',
    ru: 'Укажите в формате +77011234567',
    en: 'Enter as +77011234567',
  },
  chooseKindergarten: {
    kk: 'Ауданның бір-үш балабақшасын таңдаңыз',
    ru: 'Выберите от одного до трёх детских садов района',
    en: 'Choose one to three kindergartens of the district',
  },
} satisfies Record<string, LocalizedText | Record<string, LocalizedText>>;

/** A stored name (kk/ru/en) in the page's language. */
export function storedName(name: Readonly<Record<string, string>>, locale: Locale): string {
  return name[locale] ?? name.ru ?? '';
}

/** "2–3 years, Russian" — a group as a parent reads it. */
export function groupLabel(
  group: { ageFrom: number; ageTo: number; language: string; specialNeeds?: string | null },
  locale: Locale,
): string {
  const language = qt.languages[group.language]?.[locale] ?? '';
  const special = group.specialNeeds ? qt.specialNeedsKinds[group.specialNeeds]?.[locale] : '';
  return [`${group.ageFrom}–${group.ageTo} ${qt.years[locale]}`, language, special]
    .filter(Boolean)
    .join(', ');
}
