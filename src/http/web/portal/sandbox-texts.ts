import type { LocalizedText } from '../../../domain/shared/locale.js';

/** The portal's texts of a sandbox installation (docs/sandbox.md). */
export const sandboxText = {
  asOf: { kk: 'Қай күнгі жағдай бойынша', ru: 'По состоянию на дату', en: 'As of' },
  asOfHint: {
    kk: 'Құм жәшік: өткен күнді таңдаңыз — сол күні қолданыста болған регламент бойынша өтініш беріледі, оның мерзімдері өз сағатымен есептеледі.',
    ru: 'Песочница: выберите прошедшую дату — заявление подаётся по регламенту, действовавшему в тот день, а его сроки идут по собственным часам заявления.',
    en: 'Sandbox: choose a past date — you apply under the regulation in force that day, and its deadlines run on the application’s own clock.',
  },
  choose: { kk: 'Таңдау', ru: 'Выбрать', en: 'Choose' },
  today: { kk: 'Бүгінгі күн', ru: 'Сегодня', en: 'Today' },
  allVersions: {
    kk: 'Регламенттердің барлық редакциялары (құм жәшік)',
    ru: 'Все редакции регламентов (песочница)',
    en: 'Every regulation version (sandbox)',
  },
  allVersionsIntro: {
    kk: 'Әр редакция қолданыста болған кезеңімен. «Байқап көру» сол кезеңдегі жұмыс күнін таңдайды.',
    ru: 'Каждая редакция с периодом её действия. «Попробовать» выбирает рабочий день внутри этого периода.',
    en: 'Every version with the period it was in force. “Try it” picks a working day inside that period.',
  },
  service: { kk: 'Қызмет', ru: 'Услуга', en: 'Service' },
  region: { kk: 'Өңір', ru: 'Регион', en: 'Region' },
  act: { kk: 'Акт', ru: 'Акт', en: 'Act' },
  period: { kk: 'Қолданыста болған кезеңі', ru: 'Период действия', en: 'In force' },
  open: { kk: 'қазір де қолданыста', ru: 'действует по сей день', en: 'still in force' },
  tryIt: { kk: 'Байқап көру', ru: 'Попробовать', en: 'Try it' },
  national: { kk: 'Республика бойынша', ru: 'Республиканский', en: 'National' },
  dated: { kk: 'жылғы', ru: 'от', en: 'of' },
} satisfies Record<string, LocalizedText>;
