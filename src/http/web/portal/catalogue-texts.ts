import type { OrganisationKind } from '../../../domain/shared/organisation-kind.js';
import type { LocalizedText } from '../../../domain/shared/locale.js';
import type { ServiceCode } from '../../../domain/regulation/ServiceCode.js';
import type { TimeUnit } from '../../../domain/regulation/TimeUnit.js';

/** The four regions of the sources (the portal's region chooser). */
export const portalRegions = {
  kostanay: { kk: 'Қостанай облысы', ru: 'Костанайская область', en: 'Kostanay region' },
  aktobe: { kk: 'Ақтөбе облысы', ru: 'Актюбинская область', en: 'Aktobe region' },
  'west-kazakhstan': {
    kk: 'Батыс Қазақстан облысы',
    ru: 'Западно-Казахстанская область',
    en: 'West Kazakhstan region',
  },
  'south-kazakhstan': {
    kk: 'Оңтүстік Қазақстан (Түркістан) облысы',
    ru: 'Южно-Казахстанская (Туркестанская) область',
    en: 'South Kazakhstan (Turkistan) region',
  },
} satisfies Record<string, LocalizedText>;
export type PortalRegion = keyof typeof portalRegions;
export const defaultRegion: PortalRegion = 'kostanay';

/** The areas the catalogue groups services by. */
export const serviceAreas = {
  education: { kk: 'Білім беру', ru: 'Образование', en: 'Education' },
  social: { kk: 'Әлеуметтік қорғау', ru: 'Социальная защита', en: 'Social protection' },
  employment: { kk: 'Жұмыспен қамту', ru: 'Занятость', en: 'Employment' },
  archives: { kk: 'Мұрағаттар', ru: 'Архивы', en: 'Archives' },
} satisfies Record<string, LocalizedText>;
export type ServiceArea = keyof typeof serviceAreas;

/** Which area each service belongs to. */
export const serviceArea = {
  'extern-permission': 'education',
  duplicates: 'education',
  'school-admission': 'education',
  'kindergarten-queue': 'education',
  'disabled-children-home-education': 'social',
  'archive-certificate': 'archives',
  'unemployed-certificate': 'employment',
} as const satisfies Record<ServiceCode, ServiceArea>;

/** Names of the provider kinds, as a citizen reads them. */
export const providerKindLabels = {
  region_akimat: { kk: 'Облыс әкімдігі', ru: 'Акимат области', en: 'Regional akimat' },
  district_akimat: {
    kk: 'Аудан (қала) әкімдігі',
    ru: 'Акимат района (города)',
    en: 'District (city) akimat',
  },
  regional_education_department: {
    kk: 'Облыстың білім басқармасы',
    ru: 'Управление образования области',
    en: 'Regional education department',
  },
  district_education_department: {
    kk: 'Аудан (қала) білім бөлімі',
    ru: 'Отдел образования района (города)',
    en: 'District (city) education department',
  },
  school: { kk: 'Білім беру ұйымы (мектеп)', ru: 'Организация образования (школа)', en: 'School' },
  archive: { kk: 'Мемлекеттік мұрағат', ru: 'Государственный архив', en: 'State archive' },
  employment_department: {
    kk: 'Жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
    ru: 'Отдел занятости и социальных программ',
    en: 'Employment and social programmes department',
  },
  front_office: {
    kk: '«Азаматтарға арналған үкімет» мемлекеттік корпорациясы',
    ru: 'Государственная корпорация «Правительство для граждан»',
    en: 'Front office (Government for Citizens)',
  },
} satisfies Record<OrganisationKind, LocalizedText>;

/** Units of a term, as "15 working days". */
export const timeUnitLabels = {
  minutes: { kk: 'минут', ru: 'мин.', en: 'minutes' },
  hours: { kk: 'сағат', ru: 'ч.', en: 'hours' },
  working_days: { kk: 'жұмыс күні', ru: 'рабочих дней', en: 'working days' },
  calendar_days: { kk: 'күнтізбелік күн', ru: 'календарных дней', en: 'calendar days' },
  months: { kk: 'ай', ru: 'мес.', en: 'months' },
} satisfies Record<TimeUnit, LocalizedText>;
