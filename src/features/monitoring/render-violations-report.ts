import type { Principal } from '../../domain/identity/authorisation.js';
import type { Period } from '../../domain/monitoring/period.js';
import {
  findRoleName,
  findSlot,
  findSlotStepName,
  unnamedRole,
  unnamedStep,
} from '../../domain/monitoring/slot.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { formatKazakhstanTime } from '../../documents/document-content.js';
import { renderDocumentPdf, type RenderedTemplate } from '../../documents/render-pdf.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { listApplicationsBehind } from '../../storage/monitoring-query.repository.js';
import {
  getQualityIndicators,
  serviceName,
  unnamedOrganisation,
} from './get-quality-indicators.js';
import { monitoringRegionOf } from './monitoring-scope.js';

/** At most this many term violations are listed in one report (the rest are counted). */
export const reportViolationLimit = 10_000;

/** The layout of the quarterly report (kk/ru, as the regulator's forms are). */
const reportTemplate: RenderedTemplate = {
  title: {
    kk: 'Мемлекеттік қызметтер көрсету мерзімдерін бұзу туралы тоқсандық есеп',
    ru: 'Квартальный отчёт о нарушениях сроков оказания государственных услуг',
  },
  fields: [
    { key: 'region', label: { kk: 'Өңір', ru: 'Регион' }, type: 'text', required: true },
    { key: 'period', label: { kk: 'Кезең', ru: 'Период' }, type: 'text', required: true },
    {
      key: 'generatedAt',
      label: { kk: 'Жасалған уақыты', ru: 'Сформирован' },
      type: 'text',
      required: true,
    },
    {
      key: 'received',
      label: { kk: 'Түскен өтініштер', ru: 'Поступило заявлений' },
      type: 'text',
      required: true,
    },
    {
      key: 'completed',
      label: { kk: 'Көрсетілген қызметтер', ru: 'Оказано услуг' },
      type: 'text',
      required: true,
    },
    {
      key: 'violations',
      label: { kk: 'Мерзімді бұзу, барлығы', ru: 'Нарушений сроков, всего' },
      type: 'text',
      required: true,
    },
    {
      key: 'byServiceAndProvider',
      label: {
        kk: 'Мерзімді бұзу — қызметтер мен қызмет берушілер бойынша',
        ru: 'Нарушения сроков по услугам и услугодателям',
      },
      type: 'table',
      required: true,
      columns: [
        { kk: 'Қызмет', ru: 'Услуга' },
        { kk: 'Қызмет беруші', ru: 'Услугодатель' },
        { kk: 'Саны', ru: 'Количество' },
        {
          kk: 'Өтініштердің нөмірлері (рәсім — орындаушы)',
          ru: 'Номера заявлений (процедура — исполнитель)',
        },
      ],
    },
    {
      key: 'truncated',
      label: { kk: 'Ескерту', ru: 'Примечание' },
      type: 'text',
      required: false,
    },
  ],
  paragraphs: [
    {
      kk: 'Мерзімді бұзу — қызмет көрсету мерзімі (ұзартулар мен тоқтата тұруларды ескере отырып) аяқталғанға дейін өткен өтініш; ол мерзім өткен күнге есептеледі және сол кезде ашық болған рәсім мен рөлге жатқызылады.',
      ru: 'Нарушение срока — заявление, срок оказания услуги по которому (с продлениями и приостановлениями) истёк до завершения; учитывается в день истечения срока и относится к процедуре и роли, открытым в этот момент.',
    },
  ],
  signerRole: { kk: 'Қалыптастырған: Qyzmet жүйесі', ru: 'Сформировал: система Qyzmet' },
};

const pick = (text: { kk: string; ru: string }, language: 'kk' | 'ru') => text[language];

/**
 * The quarterly report of term violations (issue 20) in the shape the regulator asks for: per
 * service and provider, the count and the numbers of the applications whose term was violated
 * in the period, each with the step and role that held it. Rendered by the platform's PDF
 * renderer (`src/documents`) as a report: nobody signs it, and every page says so. No personal
 * data (numbers, services, providers, steps). Same scope as the monitoring pages.
 */
export async function renderViolationsReport(
  services: ApplicationServices,
  principal: Principal,
  query: { period: Period; regionCode?: string; language: 'kk' | 'ru' },
): Promise<{ pdf: Uint8Array; violations: number }> {
  if (query.period.kind !== 'quarter') {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'period', rule: 'invalid_period', params: {} }],
    });
  }
  const scope = monitoringRegionOf(principal);
  const regionCode = scope.regionCode ?? query.regionCode;
  const view = await getQualityIndicators(services, principal, {
    period: query.period,
    ...(regionCode ? { regionCode } : {}),
  });
  const rows = await listApplicationsBehind(services.db, {
    ...(regionCode ? { regionCode } : {}),
    measure: 'term_violated',
    from: query.period.from,
    to: query.period.to,
    limit: reportViolationLimit + 1,
    offset: 0,
  });
  const listed = rows.slice(0, reportViolationLimit);
  const language = query.language;

  const providerIds = [...new Set(listed.map((row) => row.providerOrganisationId))];
  const organisations = providerIds.length
    ? await services.db
        .selectFrom('organisation')
        .select(['id', 'name_kk', 'name_ru'])
        .where('id', 'in', providerIds)
        .execute()
    : [];
  const providerName = new Map(
    organisations.map((row) => [row.id, language === 'kk' ? row.name_kk : row.name_ru]),
  );
  // The one lookup of the pages: the step in its own regulation's flow of the channel.
  const slotName = (detail: string, channel: string): string => {
    const slot = findSlot(detail);
    const step = slot && findSlotStepName(services.regulations, slot, channel);
    const role = slot && findRoleName(slot.role);
    return `${pick(step ?? unnamedStep, language)} — ${pick(role ?? unnamedRole, language)}`;
  };

  const groups = new Map<string, { service: string; provider: string; numbers: string[] }>();
  for (const row of listed) {
    const key = `${row.serviceCode}\u0000${row.providerOrganisationId}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        service: pick(serviceName(services, row.serviceCode), language),
        provider:
          providerName.get(row.providerOrganisationId) ?? pick(unnamedOrganisation, language),
        numbers: [],
      };
      groups.set(key, group);
    }
    group.numbers.push(`${row.number} (${slotName(row.detail, row.channel)})`);
  }
  const table = [...groups.values()]
    .sort((a, b) =>
      a.service < b.service ? -1 : a.service > b.service ? 1 : a.provider < b.provider ? -1 : 1,
    )
    .map((group) => [
      group.service,
      group.provider,
      String(group.numbers.length),
      group.numbers.join('; '),
    ]);
  const regionText = regionCode
    ? pick(
        services.regulations.vocabulary.findRegion(regionCode)?.name ?? {
          kk: '—',
          ru: '—',
          en: '—',
        },
        language,
      )
    : language === 'kk'
      ? 'Барлық өңірлер'
      : 'Все регионы';
  const [year, quarter] = query.period.text.split('-Q');
  const now = services.now();
  const lastDay = new Date(Date.parse(`${query.period.to}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  const pdf = await renderDocumentPdf(
    {
      number: query.period.text,
      language,
      issuedAt: now.toISOString(),
      organisation: null,
      replacesNumber: null,
      fields: {
        region: regionText,
        period:
          language === 'kk'
            ? `${year} жылғы ${quarter}-тоқсан (${query.period.from} — ${lastDay})`
            : `${quarter}-й квартал ${year} года (${query.period.from} — ${lastDay})`,
        generatedAt: formatKazakhstanTime(now),
        received: String(view.total.received),
        completed: String(view.total.completed),
        violations: String(view.total.termViolations),
        byServiceAndProvider: table,
        ...(rows.length > reportViolationLimit
          ? {
              truncated:
                language === 'kk'
                  ? `Алғашқы ${reportViolationLimit} бұзу көрсетілген; толық тізім — CSV`
                  : `Показаны первые ${reportViolationLimit} нарушений; полный список — в CSV`,
            }
          : {}),
      },
    },
    { template: reportTemplate, mode: { kind: 'report' } },
  );
  return { pdf, violations: view.total.termViolations };
}
