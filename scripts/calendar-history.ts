// Kazakhstan's holiday law history, Kurban Ait dates and the transfers of days of rest,
// as researched for the production-calendar seed (scripts/seed-calendar.ts). The seed writes
// calendar/kz/<year>.yaml from this; after that the YAML files are the data an administrator edits.
import type { HolidayId, LegalSource } from '../src/domain/calendar/ProductionCalendarYear.js';

export interface HolidayRule {
  id: HolidayId;
  /** MM-DD of each day of the holiday. */
  days: string[];
  religious: boolean;
  from: number;
  to: number;
  name: { kk: string; ru: string; en: string };
  /** Source ids beyond the base law. */
  sources: string[];
}

export const law267: LegalSource = {
  id: 'law-267',
  kind: 'law',
  title:
    'Закон Республики Казахстан от 13 декабря 2001 года № 267-II «О праздниках в Республике Казахстан»',
  date: '2001-12-13',
  number: '267-II',
  url: 'https://adilet.zan.kz/rus/docs/Z010000267_',
  verified: true,
  note: 'Art. 1–2 list the national and state holidays; art. 5: when a day off and a holiday coincide, the next working day after the holiday is a day off.',
};

const labourCode2007: LegalSource = {
  id: 'labour-code-2007',
  kind: 'code',
  title: 'Трудовой кодекс Республики Казахстан от 15 мая 2007 года № 251-III',
  date: '2007-05-15',
  number: '251-III',
  verified: false,
  note: 'In force until 31.12.2015; the Government may transfer days off to other working days. Article number not checked.',
};
const labourCode2015: LegalSource = {
  id: 'labour-code-2015',
  kind: 'code',
  title:
    'Трудовой кодекс Республики Казахстан от 23 ноября 2015 года № 414-V, статья 85 пункт 3 (перенос выходных дней)',
  date: '2015-11-23',
  number: '414-V',
  url: 'https://adilet.zan.kz/rus/docs/K1500000414',
  verified: false,
  note: 'In force from 01.01.2016. Art. 85 p. 3 as quoted in government resolutions of 2016–2022; later amendments pass the transfer power to the labour ministry (orders of 2024–2025).',
};
const defenderAmendment: LegalSource = {
  id: 'law-defender-day',
  kind: 'law',
  title:
    'Закон Республики Казахстан 2012 года о внесении изменений в Закон «О праздниках в Республике Казахстан» (7 мая — День защитника Отечества, государственный праздник)',
  verified: false,
  note: 'Date and number of the amending law not confirmed; 7 May is a day off from 2013 (date-holidays, egov calendars).',
};
const firstPresidentAmendment: LegalSource = {
  id: 'law-first-president-day',
  kind: 'law',
  title:
    'Закон Республики Казахстан 2011 года о внесении изменений в Закон «О праздниках в Республике Казахстан» (1 декабря — День Первого Президента)',
  verified: false,
  note: 'Day off from 2012 to 2021; date and number of the amending law not confirmed.',
};
const capitalDayAmendment: LegalSource = {
  id: 'law-capital-day',
  kind: 'law',
  title:
    'Закон Республики Казахстан 2009 года о внесении изменений в Закон «О праздниках в Республике Казахстан» (6 июля — День Столицы, государственный праздник; 25 октября утратил статус национального праздника)',
  verified: false,
  note: 'Capital Day is a day off in every year of this calendar (2012–2027); the year it became one (2009) and the amending law are not confirmed.',
};
const law2022: LegalSource = {
  id: 'law-2022-holidays',
  kind: 'law',
  title:
    'Закон Республики Казахстан 2022 года о внесении изменений и дополнений в Закон «О праздниках в Республике Казахстан» (25 октября — День Республики; исключение Дня Первого Президента; День Независимости — 16 декабря)',
  verified: false,
  note: 'Republic Day (a national holiday until 2009) is a day off again from 2022 (first time 25.10.2022), 1 December no longer from 2022, Independence Day one day (16 December) from 2022. Date and number of the law(s) not confirmed.',
};
const constitution2026: LegalSource = {
  id: 'constitution-2026',
  kind: 'constitution',
  title:
    'Конституция Республики Казахстан, принятая на республиканском референдуме 15 марта 2026 года, статья 94 пункт 2',
  date: '2026-03-15',
  verified: false,
  note: 'Draft art. 94 p. 2: the day of adoption at the referendum is a state holiday, Constitution Day. Press (MTSZN, 18.03.2026): 30 August is no longer a holiday from 2026; 15 March is celebrated from 2027. Not checked against the official text.',
};
export const kurbanAitSource: LegalSource = {
  id: 'kurban-ait-date',
  kind: 'religious-board',
  title:
    'Дата первого дня Курбан айта — по календарю Духовного управления мусульман Казахстана (ДУМК), объявляется уполномоченным органом',
  verified: false,
  note: 'Law No. 267-II (as amended in 2006) makes Kurban Ait day 1 a day off without a substitute; the date changes every year.',
};

export const holidayRules: HolidayRule[] = [
  {
    id: 'new_year',
    days: ['01-01', '01-02'],
    religious: false,
    from: 2012,
    to: 9999,
    name: { kk: 'Жаңа жыл', ru: 'Новый год', en: 'New Year' },
    sources: [],
  },
  {
    id: 'orthodox_christmas',
    days: ['01-07'],
    religious: true,
    from: 2012,
    to: 9999,
    name: {
      kk: 'Православиелік Рождество',
      ru: 'Православное Рождество',
      en: 'Orthodox Christmas',
    },
    sources: [],
  },
  {
    id: 'womens_day',
    days: ['03-08'],
    religious: false,
    from: 2012,
    to: 9999,
    name: {
      kk: 'Халықаралық әйелдер күні',
      ru: 'Международный женский день',
      en: "International Women's Day",
    },
    sources: [],
  },
  {
    id: 'constitution_day',
    days: ['03-15'],
    religious: false,
    from: 2027,
    to: 9999,
    name: {
      kk: 'Конституция күні',
      ru: 'День Конституции Республики Казахстан',
      en: 'Constitution Day',
    },
    sources: ['constitution-2026'],
  },
  {
    id: 'nauryz',
    days: ['03-21', '03-22', '03-23'],
    religious: false,
    from: 2012,
    to: 9999,
    name: { kk: 'Наурыз мейрамы', ru: 'Наурыз мейрамы', en: 'Nauryz' },
    sources: [],
  },
  {
    id: 'unity_day',
    days: ['05-01'],
    religious: false,
    from: 2012,
    to: 9999,
    name: {
      kk: 'Қазақстан халқының бірлігі мерекесі',
      ru: 'Праздник единства народа Казахстана',
      en: "Kazakhstan People's Unity Day",
    },
    sources: [],
  },
  {
    id: 'defender_day',
    days: ['05-07'],
    religious: false,
    from: 2013,
    to: 9999,
    name: {
      kk: 'Отан қорғаушы күні',
      ru: 'День защитника Отечества',
      en: 'Defender of the Fatherland Day',
    },
    sources: ['law-defender-day'],
  },
  {
    id: 'victory_day',
    days: ['05-09'],
    religious: false,
    from: 2012,
    to: 9999,
    name: { kk: 'Жеңіс күні', ru: 'День Победы', en: 'Victory Day' },
    sources: [],
  },
  {
    id: 'capital_day',
    days: ['07-06'],
    religious: false,
    from: 2012,
    to: 9999,
    name: { kk: 'Астана күні', ru: 'День Столицы', en: 'Capital Day' },
    sources: ['law-capital-day'],
  },
  {
    id: 'constitution_day',
    days: ['08-30'],
    religious: false,
    from: 2012,
    to: 2025,
    name: {
      kk: 'Конституция күні',
      ru: 'День Конституции Республики Казахстан',
      en: 'Constitution Day',
    },
    sources: [],
  },
  {
    id: 'republic_day',
    days: ['10-25'],
    religious: false,
    from: 2022,
    to: 9999,
    name: { kk: 'Республика күні', ru: 'День Республики', en: 'Republic Day' },
    sources: ['law-2022-holidays'],
  },
  {
    id: 'first_president_day',
    days: ['12-01'],
    religious: false,
    from: 2012,
    to: 2021,
    name: {
      kk: 'Тұңғыш Президент күні',
      ru: 'День Первого Президента Республики Казахстан',
      en: "First President's Day",
    },
    sources: ['law-first-president-day'],
  },
  {
    id: 'independence_day',
    days: ['12-16', '12-17'],
    religious: false,
    from: 2012,
    to: 2021,
    name: { kk: 'Тәуелсіздік күні', ru: 'День Независимости', en: 'Independence Day' },
    sources: [],
  },
  {
    id: 'independence_day',
    days: ['12-16'],
    religious: false,
    from: 2022,
    to: 9999,
    name: { kk: 'Тәуелсіздік күні', ru: 'День Независимости', en: 'Independence Day' },
    sources: ['law-2022-holidays'],
  },
];

export const kurbanAitName = {
  kk: 'Құрбан айттың бірінші күні',
  ru: 'Первый день Курбан айта',
  en: 'Kurban Ait, day 1',
};

/**
 * Kurban Ait day 1 per year. `verified: false` where sources disagree or the date is a forecast.
 * date-holidays (astronomical 10 Dhu al-Hijjah) is right except where noted.
 */
export const kurbanAit: Record<number, { date: string; note?: string; verified: boolean }> = {
  2012: { date: '2012-10-26', verified: true },
  2013: { date: '2013-10-15', verified: true },
  2014: { date: '2014-10-04', verified: true },
  2015: {
    date: '2015-09-24',
    verified: true,
    note: 'egov calendar 2015 (kapital.kz); date-holidays says 23 September',
  },
  2016: {
    date: '2016-09-12',
    verified: true,
    note: 'ДУМК and egov calendar: Monday 12 September; date-holidays says 11 September',
  },
  2017: { date: '2017-09-01', verified: true },
  2018: { date: '2018-08-21', verified: true },
  2019: { date: '2019-08-11', verified: true },
  2020: { date: '2020-07-31', verified: true },
  2021: { date: '2021-07-20', verified: true },
  2022: { date: '2022-07-09', verified: true },
  2023: { date: '2023-06-28', verified: true },
  2024: {
    date: '2024-06-17',
    verified: false,
    note: 'Press of June 2024 (informburo.kz, newsroom.kz): the labour ministry with ДУМК set Monday 17 June; the egov calendar published in January 2024 and date-holidays said Sunday 16 June',
  },
  2025: { date: '2025-06-06', verified: true },
  2026: { date: '2026-05-27', verified: true, note: 'ДУМК calendar published 06.11.2025' },
  2027: {
    date: '2027-05-16',
    verified: false,
    note: 'Forecast (astronomical 10 Dhu al-Hijjah 1448); confirm when ДУМК publishes its 2027 calendar',
  },
};

export const yearNotes: Record<number, string[]> = {
  2012: ['Transfers other than 29.12 → 31.12 were not researched; 7 May was not yet a holiday.'],
  2013: ['Transfers other than 28.12.2013 → 03.01.2014 were not researched.'],
  2015: ['No transfer of days of rest is recorded for 2015; not confirmed that none was made.'],
  2019: ['No transfer of days of rest is recorded for 2019; not confirmed that none was made.'],
  2020: [
    'The state of emergency of March–May 2020 did not change the production calendar and is not modelled.',
  ],
  2024: [
    'Since 1 March 2024 the whole country is on UTC+5 (time-zone data, not the production calendar).',
  ],
  2026: [
    'Constitution Day: 30 August is no longer a holiday after the referendum of 15 March 2026; 15 March is a holiday from 2027 (press, not checked against the official text).',
    'No transfer of days of rest is recorded for 2026.',
  ],
  2027: ['Forecast year: Kurban Ait date and transfers must be confirmed when published.'],
};

export const baseSources = {
  law267,
  labourCode2007,
  labourCode2015,
  defenderAmendment,
  firstPresidentAmendment,
  capitalDayAmendment,
  law2022,
  constitution2026,
  kurbanAitSource,
};
