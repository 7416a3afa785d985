// Transfers of days of rest (перенос дней отдыха) 2012–2027 with the acts that made them, as researched
// for the production-calendar seed (scripts/seed-calendar.ts). Unconfirmed numbers/dates are marked
// `verified: false` with what is known in the note; nothing here is invented.
import type { LegalSource } from '../src/domain/calendar/ProductionCalendarYear.js';

export interface TransferRecord {
  /** Saturday/Sunday that becomes a working day. */
  workingDay: string;
  /** Weekday that becomes a day of rest. */
  dayOff: string;
  source: LegalSource;
}

export interface SubstituteMove {
  /** The holiday whose substitute day off was moved. */
  holiday: string;
  /** The date the substitute was moved to. */
  to: string;
  source: LegalSource;
}

const resolution = (id: string, title: string, extra: Partial<LegalSource> = {}): LegalSource => ({
  id,
  kind: 'government-resolution',
  title,
  verified: false,
  ...extra,
});
const order = (id: string, title: string, extra: Partial<LegalSource> = {}): LegalSource => ({
  id,
  kind: 'ministerial-order',
  title,
  verified: false,
  ...extra,
});

const r2012 = resolution(
  'pp-2012-1538',
  'Постановление Правительства Республики Казахстан от 2012 года № 1538 «О переносе дня отдыха»',
  {
    number: '1538',
    url: 'https://adilet.zan.kz/kaz/docs/P1200001538',
    verified: true,
    note: 'Text checked on adilet (kk): the day of rest moves from Saturday 29 December to Monday 31 December 2012. Signed by Prime Minister S. Akhmetov in early December 2012 (day of adoption not recorded here).',
  },
);
const r2013 = resolution(
  'pp-2013-12-transfer',
  'Постановление Правительства Республики Казахстан (декабрь 2013 года) «О переносе дня отдыха» — с субботы 28 декабря 2013 года на пятницу 3 января 2014 года',
  {
    note: "Known from the Prime Minister's site as reported on 06.12.2013 (КазТАГ); number and date not confirmed.",
  },
);
const r2014 = resolution(
  'pp-2014-05-transfer',
  'Постановление Правительства Республики Казахстан (апрель 2014 года) «О переносе дней отдыха» — с 4 мая на 2 мая и с 11 мая на 8 мая 2014 года',
  {
    note: 'Signed by Prime Minister K. Massimov, reported 18.04.2014; number and date not confirmed.',
  },
);
const r2016 = resolution(
  'pp-2016-transfer',
  'Постановление Правительства Республики Казахстан «О переносе дня отдыха в 2016 году» — с субботы 5 марта на понедельник 7 марта 2016 года',
  {
    note: 'Known from press (vkurse.kz); number and date not confirmed.',
  },
);
const r2017 = resolution(
  'pp-2017-transfer',
  'Постановление Правительства Республики Казахстан «О переносе дней отдыха в 2017 году»',
  {
    note: 'Draft published by zakon.kz (2016): 18 March → 20 March, 1 July → 7 July 2017; adoption, number and date not confirmed.',
  },
);
const r2018 = resolution(
  'pp-2018-transfer',
  'Постановление Правительства Республики Казахстан «О переносе дней отдыха в 2018 году»',
  {
    url: 'http://primeminister.kz/en/news/15835',
    note: "The five transfers are listed on the Prime Minister's site (also nur.kz, pro1c.kz); number and date of the resolution not confirmed.",
  },
);
const r2020 = resolution(
  'pp-2020-transfer',
  'Постановление Правительства Республики Казахстан «О переносе дней отдыха в 2020 году»',
  {
    note: "Text quoted by the Prime Minister's site (kyzylorda-news.kz): 5 January → 3 January, 11 May → 8 May, 20 December → 18 December 2020; number and date not confirmed.",
  },
);
const r2021 = resolution(
  'pp-2021-transfer',
  'Постановление Правительства Республики Казахстан «О переносе дня отдыха в 2021 году» — с субботы 3 июля на понедельник 5 июля 2021 года',
  {
    note: 'Known from kt.kz; number and date not confirmed.',
  },
);
const r2022 = resolution(
  'pp-2021-713',
  'Постановление Правительства Республики Казахстан от 6 октября 2021 года № 713 «О переносе дней отдыха в 2022 году»',
  {
    date: '2021-10-06',
    number: '713',
    verified: true,
    url: 'https://pm.kz/en/news/kr-ukimeti-2022-zhyly-demalys-kunderin-auystyrudy-bekitti-1195927',
    note: "Text quoted by the Prime Minister's site: 5 March → 7 March, 27 August → 29 August 2022.",
  },
);
const r2022b = resolution(
  'pp-2022-republic-day-transfer',
  'Постановление Правительства Республики Казахстан 2022 года о внесении дополнения в постановление от 6 октября 2021 года № 713 — с субботы 22 октября на понедельник 24 октября 2022 года',
  {
    note: 'Signed by Prime Minister A. Smailov (nur.kz, ortcom.kz, October 2022); number and date not confirmed.',
  },
);
const r2023 = resolution(
  'pp-2023-04-25-transfer',
  'Постановление Правительства Республики Казахстан от 25 апреля 2023 года «О переносе дня отдыха в 2023 году»',
  {
    date: '2023-04-25',
    note: 'Date from zakon.kz; number not confirmed. Applies to the five-day week.',
  },
);
const o2024 = order(
  'mtszn-2024-04-17-transfer',
  'Приказ исполняющего обязанности Министра труда и социальной защиты населения Республики Казахстан от 17 апреля 2024 года «О переносе дня отдыха в 2024 году»',
  {
    date: '2024-04-17',
    note: 'Date from zakon.kz / mail.kz; number not confirmed.',
  },
);
const o2025 = order(
  'mtszn-2024-11-transfer',
  'Приказ Министра труда и социальной защиты населения Республики Казахстан (ноябрь 2024 года) о переносе дня отдыха с воскресенья 5 января 2025 года на пятницу 3 января 2025 года',
  {
    note: "Known from the ministry's press service (energy-city.kz); number and date not confirmed.",
  },
);

export const transfers: TransferRecord[] = [
  { workingDay: '2012-12-29', dayOff: '2012-12-31', source: r2012 },
  { workingDay: '2013-12-28', dayOff: '2014-01-03', source: r2013 },
  { workingDay: '2014-05-04', dayOff: '2014-05-02', source: r2014 },
  { workingDay: '2014-05-11', dayOff: '2014-05-08', source: r2014 },
  { workingDay: '2016-03-05', dayOff: '2016-03-07', source: r2016 },
  { workingDay: '2017-03-18', dayOff: '2017-03-20', source: r2017 },
  { workingDay: '2017-07-01', dayOff: '2017-07-07', source: r2017 },
  { workingDay: '2018-03-03', dayOff: '2018-03-09', source: r2018 },
  { workingDay: '2018-04-28', dayOff: '2018-04-30', source: r2018 },
  { workingDay: '2018-05-05', dayOff: '2018-05-08', source: r2018 },
  { workingDay: '2018-08-25', dayOff: '2018-08-31', source: r2018 },
  { workingDay: '2018-12-29', dayOff: '2018-12-31', source: r2018 },
  { workingDay: '2020-01-05', dayOff: '2020-01-03', source: r2020 },
  { workingDay: '2020-12-20', dayOff: '2020-12-18', source: r2020 },
  { workingDay: '2021-07-03', dayOff: '2021-07-05', source: r2021 },
  { workingDay: '2022-03-05', dayOff: '2022-03-07', source: r2022 },
  { workingDay: '2022-08-27', dayOff: '2022-08-29', source: r2022 },
  { workingDay: '2022-10-22', dayOff: '2022-10-24', source: r2022b },
  { workingDay: '2023-07-01', dayOff: '2023-07-07', source: r2023 },
  { workingDay: '2024-05-04', dayOff: '2024-05-08', source: o2024 },
  { workingDay: '2025-01-05', dayOff: '2025-01-03', source: o2025 },
];

/** A substitute day off moved by the Government to another weekday (the law's day becomes a working day). */
export const substituteMoves: SubstituteMove[] = [
  { holiday: '2020-05-09', to: '2020-05-08', source: r2020 },
];
