import type { LocalizedText } from '../../../domain/shared/locale.js';

/** Texts of the administration (kk, ru, en). */
export const text = {
  admin: { kk: 'Әкімшілік', ru: 'Администрирование', en: 'Administration' },
  overview: { kk: 'Шолу', ru: 'Обзор', en: 'Overview' },
  organisations: { kk: 'Ұйымдар', ru: 'Организации', en: 'Organisations' },
  staff: { kk: 'Қызметкерлер мен рөлдер', ru: 'Сотрудники и роли', en: 'Staff and roles' },
  regulations: {
    kk: 'Қолданыстағы регламенттер',
    ru: 'Действующие регламенты',
    en: 'Regulations in force',
  },
  calendar: {
    kk: 'Демалыс күндерінің күнтізбесі',
    ru: 'Календарь выходных',
    en: 'Calendar of days off',
  },
  scopeRegion: { kk: 'Өңір', ru: 'Регион', en: 'Region' },
  allRegions: { kk: 'барлық өңірлер', ru: 'все регионы', en: 'all regions' },
  id: { kk: 'Идентификатор', ru: 'Идентификатор', en: 'Id' },
  name: { kk: 'Атауы', ru: 'Наименование', en: 'Name' },
  kind: { kk: 'Түрі', ru: 'Вид', en: 'Kind' },
  address: { kk: 'Мекенжайы', ru: 'Адрес', en: 'Address' },
  parent: { kk: 'Жоғары тұрған ұйым', ru: 'Вышестоящая организация', en: 'Parent' },
  phone: { kk: 'Телефон', ru: 'Телефон', en: 'Phone' },
  email: { kk: 'Электрондық пошта', ru: 'Электронная почта', en: 'E-mail' },
  bin: { kk: 'БСН', ru: 'БИН', en: 'BIN' },
  timeZone: { kk: 'Уақыт белдеуі', ru: 'Часовой пояс', en: 'Time zone' },
  source: { kk: 'Дереккөзі', ru: 'Источник', en: 'Source' },
  schedule: { kk: 'Жұмыс кестесі', ru: 'График работы', en: 'Working schedule' },
  customSchedule: { kk: 'ұйымның өз кестесі', ru: 'собственный график', en: 'own schedule' },
  standardSchedule: { kk: 'стандартты кесте', ru: 'стандартный график', en: 'standard schedule' },
  workingHours: { kk: 'Жұмыс уақыты', ru: 'Рабочее время', en: 'Working hours' },
  intakeHours: { kk: 'Қабылдау уақыты', ru: 'Время приёма', en: 'Intake hours' },
  closed: { kk: 'демалыс', ru: 'выходной', en: 'closed' },
  closedOnHolidays: {
    kk: 'Мереке күндері жұмыс істемейді',
    ru: 'В праздничные дни не работает',
    en: 'Closed on holidays',
  },
  notSet: { kk: 'көрсетілмеген', ru: 'не указано', en: 'not set' },
  fullName: { kk: 'Т.А.Ә.', ru: 'Ф.И.О.', en: 'Full name' },
  iin: { kk: 'ЖСН', ru: 'ИИН', en: 'IIN' },
  roles: { kk: 'Рөлдері', ru: 'Роли', en: 'Roles' },
  state: { kk: 'Күйі', ru: 'Состояние', en: 'State' },
  active: { kk: 'белсенді', ru: 'активен', en: 'active' },
  inactive: { kk: 'өшірілген', ru: 'отключён', en: 'deactivated' },
  deactivate: { kk: 'Өшіру', ru: 'Отключить', en: 'Deactivate' },
  activate: { kk: 'Қосу', ru: 'Включить', en: 'Activate' },
  changeRoles: { kk: 'Рөлдерін өзгерту', ru: 'Изменить роли', en: 'Change roles' },
  saveRoles: { kk: 'Рөлдерді сақтау', ru: 'Сохранить роли', en: 'Save the roles' },
  chooseRole: {
    kk: 'Кемінде бір рөлді таңдаңыз',
    ru: 'Выберите хотя бы одну роль',
    en: 'Choose at least one role',
  },
  changed: { kk: 'Өзгеріс сақталды.', ru: 'Изменение сохранено.', en: 'The change was saved.' },
  noStaff: { kk: 'Қызметкерлер жоқ.', ru: 'Сотрудников нет.', en: 'No staff.' },
  service: { kk: 'Қызмет', ru: 'Услуга', en: 'Service' },
  issuer: { kk: 'Бекіткен', ru: 'Кем утверждён', en: 'Issued by' },
  national: { kk: 'ұлттық стандарт', ru: 'национальный стандарт', en: 'national standard' },
  effectiveFrom: { kk: 'Күшіне енген күні', ru: 'Действует с', en: 'In force from' },
  effectiveTo: { kk: 'Күші жойылған күні', ru: 'Действует по', en: 'In force until' },
  inForce: { kk: 'Қолданыста', ru: 'Действует', en: 'In force' },
  notInForce: { kk: 'Қолданыста емес', ru: 'Не действует', en: 'Not in force' },
  diagram: { kk: 'Сызба', ru: 'Схема', en: 'Diagram' },
  today: { kk: 'Бүгін', ru: 'Сегодня', en: 'Today' },
  year: { kk: 'Жыл', ru: 'Год', en: 'Year' },
  show: { kk: 'Көрсету', ru: 'Показать', en: 'Show' },
  date: { kk: 'Күні', ru: 'Дата', en: 'Date' },
  dayKind: { kk: 'Түрі', ru: 'Вид дня', en: 'Kind of day' },
  sources: { kk: 'Құқықтық негіздер', ru: 'Правовые основания', en: 'Legal sources' },
  verified: { kk: 'тексерілген', ru: 'проверено', en: 'verified' },
  unverified: { kk: 'тексерілмеген', ru: 'не проверено', en: 'not verified' },
  notes: { kk: 'Ескертпелер', ru: 'Примечания', en: 'Notes' },
  daysOffOfMonth: { kk: 'Демалыс күндері', ru: 'Выходные дни', en: 'Days off' },
  month: { kk: 'Ай', ru: 'Месяц', en: 'Month' },
  listedDays: {
    kk: 'Мерекелер және ауыстырылған күндер',
    ru: 'Праздники и переносы',
    en: 'Holidays and transfers',
  },
} satisfies Record<string, LocalizedText>;

export const dayKindLabels = {
  holiday: { kk: 'мереке', ru: 'праздник', en: 'holiday' },
  religiousHoliday: { kk: 'діни мереке', ru: 'религиозный праздник', en: 'religious holiday' },
  substituteDayOff: {
    kk: 'ауыстыру демалысы',
    ru: 'перенесённый выходной',
    en: 'substitute day off',
  },
  transferredDayOff: {
    kk: 'ауыстырылған демалыс',
    ru: 'перенос: выходной',
    en: 'transferred day off',
  },
  transferredWorkingDay: {
    kk: 'ауыстырылған жұмыс күні',
    ru: 'перенос: рабочий день',
    en: 'transferred working day',
  },
} satisfies Record<string, LocalizedText>;

export const organisationKindLabels: Record<string, LocalizedText> = {
  region_akimat: { kk: 'Облыс әкімдігі', ru: 'Акимат области', en: 'Regional akimat' },
  district_akimat: { kk: 'Аудан/қала әкімдігі', ru: 'Акимат района/города', en: 'District akimat' },
  regional_education_department: {
    kk: 'Облыстық білім басқармасы',
    ru: 'Управление образования области',
    en: 'Regional education department',
  },
  district_education_department: {
    kk: 'Аудандық/қалалық білім бөлімі',
    ru: 'Отдел образования района/города',
    en: 'District education department',
  },
  school: { kk: 'Мектеп', ru: 'Школа', en: 'School' },
  archive: { kk: 'Мемлекеттік мұрағат', ru: 'Государственный архив', en: 'State archive' },
  employment_department: {
    kk: 'Жұмыспен қамту бөлімі',
    ru: 'Отдел занятости',
    en: 'Employment department',
  },
  front_office: {
    kk: 'Мемлекеттік корпорация (ХҚКО)',
    ru: 'Государственная корпорация (ЦОН)',
    en: 'Front office',
  },
};

export const roleLabels: Record<string, LocalizedText> = {
  registry_office: { kk: 'Кеңсе', ru: 'Канцелярия', en: 'Registry office' },
  head: { kk: 'Басшы', ru: 'Руководитель', en: 'Head' },
  executor: { kk: 'Орындаушы', ru: 'Исполнитель', en: 'Executor' },
  front_office_operator: { kk: 'ХҚКО операторы', ru: 'Оператор ЦОН', en: 'Front-office operator' },
  courier: { kk: 'Курьер', ru: 'Курьер', en: 'Courier' },
  commission_member: { kk: 'Комиссия мүшесі', ru: 'Член комиссии', en: 'Commission member' },
  region_administrator: {
    kk: 'Өңір әкімшісі',
    ru: 'Администратор региона',
    en: 'Region administrator',
  },
  system_administrator: {
    kk: 'Жүйе әкімшісі',
    ru: 'Системный администратор',
    en: 'System administrator',
  },
};

export const regionLabels: Record<string, LocalizedText> = {
  kostanay: { kk: 'Қостанай облысы', ru: 'Костанайская область', en: 'Kostanay region' },
  aktobe: { kk: 'Ақтөбе облысы', ru: 'Актюбинская область', en: 'Aktobe region' },
  'west-kazakhstan': {
    kk: 'Батыс Қазақстан облысы',
    ru: 'Западно-Казахстанская область',
    en: 'West Kazakhstan region',
  },
  'south-kazakhstan': {
    kk: 'Оңтүстік Қазақстан облысы',
    ru: 'Южно-Казахстанская область',
    en: 'South Kazakhstan region',
  },
  national: { kk: 'Қазақстан Республикасы', ru: 'Республика Казахстан', en: 'Kazakhstan' },
};

/** The label of a region code in either spelling (`west_kazakhstan` / `west-kazakhstan`). */
export function regionLabel(code: string): LocalizedText {
  const label = regionLabels[code.replaceAll('_', '-')];
  return label ?? { kk: code, ru: code, en: code };
}

export const monthNames = {
  kk: [
    'Қаңтар',
    'Ақпан',
    'Наурыз',
    'Сәуір',
    'Мамыр',
    'Маусым',
    'Шілде',
    'Тамыз',
    'Қыркүйек',
    'Қазан',
    'Қараша',
    'Желтоқсан',
  ],
  ru: [
    'Январь',
    'Февраль',
    'Март',
    'Апрель',
    'Май',
    'Июнь',
    'Июль',
    'Август',
    'Сентябрь',
    'Октябрь',
    'Ноябрь',
    'Декабрь',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
} as const;

export const weekdayNames = {
  monday: { kk: 'Дүйсенбі', ru: 'Понедельник', en: 'Monday' },
  tuesday: { kk: 'Сейсенбі', ru: 'Вторник', en: 'Tuesday' },
  wednesday: { kk: 'Сәрсенбі', ru: 'Среда', en: 'Wednesday' },
  thursday: { kk: 'Бейсенбі', ru: 'Четверг', en: 'Thursday' },
  friday: { kk: 'Жұма', ru: 'Пятница', en: 'Friday' },
  saturday: { kk: 'Сенбі', ru: 'Суббота', en: 'Saturday' },
  sunday: { kk: 'Жексенбі', ru: 'Воскресенье', en: 'Sunday' },
} satisfies Record<string, LocalizedText>;
