import { z } from 'zod';
import { findPeriod } from '../../../domain/monitoring/period.js';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import type { Locale, LocalizedText } from '../../../domain/shared/locale.js';
import {
  currentQuarterText,
  getOpenQualityData,
  type OpenQualityData,
  type OpenQualityFigures,
} from '../../../features/monitoring/get-open-quality-data.js';
import { Table } from '../components.js';
import { SelectField } from '../layout.js';
import { definePage } from '../page.js';
import type { WebContext } from '../web-env.js';
import { PortalPage } from './portal-page.js';

/** Texts of the open-data page (issue 20). */
export const openDataText = {
  title: {
    kk: 'Мемлекеттік қызметтердің сапасы — ашық деректер',
    ru: 'Качество государственных услуг — открытые данные',
    en: 'Quality of public services — open data',
  },
  lead: {
    kk: 'Әр өңір мен әр қызмет бойынша: мерзімінде көрсетілген қызметтердің үлесі, орындалу уақытының медианасы және сауалнама бойынша қанағаттану бағасы. Өтініштер журналынан дәл есептеледі; дербес деректер жоқ.',
    ru: 'По каждому региону и каждой услуге: доля оказанных в срок, медиана времени оказания и оценка удовлетворённости по анкетам. Считается точно по журналу заявлений; персональных данных нет.',
    en: 'Per region and per service: the share completed on time, the median time taken and the satisfaction score of the questionnaires. Counted exactly from the applications’ logs; no personal data.',
  },
  period: { kk: 'Кезең', ru: 'Период', en: 'Period' },
  show: { kk: 'Көрсету', ru: 'Показать', en: 'Show' },
  json: {
    kk: 'Осы деректер JSON пішімінде',
    ru: 'Эти данные в формате JSON',
    en: 'These figures as JSON',
  },
  service: { kk: 'Қызмет', ru: 'Услуга', en: 'Service' },
  allServices: { kk: 'Барлық қызметтер', ru: 'Все услуги', en: 'All services' },
  received: { kk: 'Қабылданды', ru: 'Принято', en: 'Received' },
  completed: { kk: 'Көрсетілді', ru: 'Оказано', en: 'Completed' },
  onTime: { kk: 'Мерзімінде, %', ru: 'В срок, %', en: 'On time, %' },
  median: {
    kk: 'Уақыт медианасы, мерзімнің %',
    ru: 'Медиана времени, % срока',
    en: 'Median time, % of the term',
  },
  satisfaction: {
    kk: 'Қанағаттану (5-тен)',
    ru: 'Удовлетворённость (из 5)',
    en: 'Satisfaction (of 5)',
  },
  answered: { kk: 'Сауалнамалар', ru: 'Анкет', en: 'Questionnaires' },
  nothing: {
    kk: 'Бұл кезеңде есептелген өтініштер жоқ.',
    ru: 'За этот период учтённых заявлений нет.',
    en: 'No applications counted in this period.',
  },
  explanation: {
    kk: 'Уақыт — өтініш берілген сәттен аяқталғанға дейінгі жұмыс уақыты, қызмет мерзімінің пайызымен (100 — бүкіл мерзім). Қанағаттану: «қанағаттанды» 5, «ішінара» 3, «қанағаттанбады» 1, екі сұрақ бойынша орташа. Сандар бір жұмыс айналымының кешігуімен жаңарады.',
    ru: 'Время — рабочее время от подачи до завершения в процентах от срока услуги (100 — весь срок). Удовлетворённость: «удовлетворён» 5, «частично» 3, «не удовлетворён» 1, в среднем по двум вопросам. Цифры обновляются с задержкой в один цикл обработки.',
    en: 'Time is the working time from submission to the end in percent of the service’s term (100 = the whole term). Satisfaction: satisfied 5, partially 3, not satisfied 1, averaged over both questions. The figures follow the applications within one processing round.',
  },
  quarter: { kk: 'тоқсан', ru: 'квартал', en: 'quarter' },
  year: { kk: 'жыл', ru: 'год', en: 'year' },
} satisfies Record<string, LocalizedText>;

const t = openDataText;

const OpenDataQuery = z.object({
  period: z.string().max(10).optional(),
});

/** A number as the page's language writes it (decimal comma in kk and ru); — for none. */
function figure(value: number | null, locale: Locale): string {
  if (value === null) return '—';
  return locale === 'en' ? String(value) : String(value).replace('.', ',');
}

/** The periods offered: this quarter and the seven before it, this year and the last. */
export function offeredPeriods(current: string): string[] {
  const year = Number(current.slice(0, 4));
  let quarter = Number(current.slice(6));
  let y = year;
  const quarters: string[] = [];
  for (let index = 0; index < 8; index += 1) {
    quarters.push(`${y}-Q${quarter}`);
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      y -= 1;
    }
  }
  return [...quarters, String(year), String(year - 1)];
}

function periodLabel(period: string, locale: Locale): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}, ${quarter[2]} ${t.quarter[locale]}`;
  if (/^\d{4}$/.test(period)) return `${period} ${t.year[locale]}`;
  return period;
}

/** The figures' cells of a row (an array, so that the table labels each for the phone layout). */
function figureCells(figures: OpenQualityFigures, locale: Locale) {
  return [
    <td>{figures.received}</td>,
    <td>{figures.completed}</td>,
    <td data-measure="on-time">{figure(figures.onTimePercent, locale)}</td>,
    <td data-measure="median">{figure(figures.medianDurationPercentOfTerm, locale)}</td>,
    <td data-measure="satisfaction">{figure(figures.satisfactionScore, locale)}</td>,
    <td>{figures.questionnairesAnswered}</td>,
  ];
}

/**
 * `/open-data/quality?period=2026-Q4`: the public quality figures per region and service
 * (issue 20), the same as `GET /api/v1/open-data/quality`; no sign-in, no personal data.
 */
export const openDataPage = definePage({
  path: '/open-data/quality',
  guard: () => Promise.resolve(undefined),
  load: async (c: WebContext): Promise<{ data: OpenQualityData; periods: string[] }> => {
    const parsed = OpenDataQuery.safeParse(c.req.query());
    const period = parsed.success ? parsed.data.period : '';
    if (period !== undefined && !findPeriod(period)) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [{ path: 'period', rule: 'invalid_period', params: {} }],
      });
    }
    const services = c.get('deps').applications;
    const data = await getOpenQualityData(services, period !== undefined ? { period } : {});
    return { data, periods: offeredPeriods(currentQuarterText(services.now())) };
  },
  View: ({ ctx, data: { data, periods } }) => {
    const locale = ctx.locale;
    const options = (periods.includes(data.period) ? periods : [data.period, ...periods]).map(
      (value) => ({ value, label: periodLabel(value, locale) }),
    );
    const headings = [
      t.service[locale],
      t.received[locale],
      t.completed[locale],
      t.onTime[locale],
      t.median[locale],
      t.satisfaction[locale],
      t.answered[locale],
    ];
    return (
      <PortalPage ctx={ctx} title={t.title[locale]} current="/open-data/quality">
        <h1>{t.title[locale]}</h1>
        <p class="lead">{t.lead[locale]}</p>
        <form method="get" action="/open-data/quality">
          <SelectField id="period" label={t.period[locale]} value={data.period} options={options} />
          <div class="actions">
            <button type="submit">{t.show[locale]}</button>
          </div>
        </form>
        <p>
          <a href={`/api/v1/open-data/quality?period=${encodeURIComponent(data.period)}`}>
            {t.json[locale]}
          </a>
        </p>
        {data.regions.length === 0 ? <p>{t.nothing[locale]}</p> : null}
        {data.regions.map((region) => (
          <section aria-labelledby={`region-${region.regionCode}`}>
            <h2 id={`region-${region.regionCode}`}>{region.regionName[locale]}</h2>
            <Table
              caption={`${region.regionName[locale]} · ${periodLabel(data.period, locale)}`}
              captionHidden
              data={{ 'data-region': region.regionCode }}
              headings={headings}
            >
              {region.services.map((service) => (
                <tr data-service={service.serviceCode}>
                  <th scope="row">{service.serviceName[locale]}</th>
                  {figureCells(service, locale)}
                </tr>
              ))}
              <tr data-service="" class="total">
                <th scope="row">{t.allServices[locale]}</th>
                {figureCells(region.total, locale)}
              </tr>
            </Table>
          </section>
        ))}
        <p class="hint">{t.explanation[locale]}</p>
      </PortalPage>
    );
  },
});
