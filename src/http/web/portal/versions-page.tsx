import type { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import { demoSettingOf } from '../../../features/demo/demo-plan.js';
import type { PageContext } from '../layout.js';
import { NameIn } from '../components.js';
import { formatDate } from '../messages.js';
import { definePage } from '../page.js';
import { PortalPage } from './portal-page.js';
import { sandboxText } from './sandbox-texts.js';
import { portalText as text } from './texts.js';

interface VersionsData {
  readonly versions: readonly { regulation: RegulationDefinition; tryOn: string | undefined }[];
}

/**
 * The sandbox catalogue (docs/sandbox.md): every regulation version with the period it was in
 * force, each with a link that opens its service page "as of" a working day of that period.
 */
function VersionsView(props: { ctx: PageContext; data: VersionsData }) {
  const { ctx } = props;
  const locale = ctx.locale;
  const sorted = [...props.data.versions].sort(
    (a, b) =>
      a.regulation.region.localeCompare(b.regulation.region) ||
      a.regulation.service.localeCompare(b.regulation.service) ||
      a.regulation.effectiveFrom.localeCompare(b.regulation.effectiveFrom),
  );
  const regionOf = (code: string) => {
    const region = ctx.vocabulary.findRegion(code);
    return region && region.kind !== 'country' ? region : undefined;
  };
  const regionName = (code: string) => regionOf(code)?.name[locale] ?? sandboxText.national[locale];
  const day = (iso: string) => formatDate(new Date(`${iso}T12:00:00+05:00`), locale);
  return (
    <PortalPage ctx={ctx} title={sandboxText.allVersions[locale]} current="/services">
      <p>
        <a href="/services">{text.allServices[locale]}</a>
      </p>
      <h1>{sandboxText.allVersions[locale]}</h1>
      <p>{sandboxText.allVersionsIntro[locale]}</p>
      <table class="versions">
        <thead>
          <tr>
            <th scope="col">{sandboxText.service[locale]}</th>
            <th scope="col">{sandboxText.region[locale]}</th>
            <th scope="col">{sandboxText.act[locale]}</th>
            <th scope="col">{sandboxText.period[locale]}</th>
            <th scope="col">
              <span class="visually-hidden">{sandboxText.tryIt[locale]}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map(({ regulation, tryOn }) => (
            <tr data-regulation={regulation.id}>
              <td>
                <NameIn name={regulation.name} locale={locale} />
              </td>
              <td>{regionName(regulation.region)}</td>
              <td>
                <NameIn name={regulation.act.issuer} locale={locale} />
                {regulation.act.number ? `, № ${regulation.act.number}` : ''}
                {regulation.act.date
                  ? ` ${sandboxText.dated[locale]} ${day(regulation.act.date)}`
                  : ''}
              </td>
              <td>
                {day(regulation.effectiveFrom)} —{' '}
                {regulation.effectiveTo ? day(regulation.effectiveTo) : sandboxText.open[locale]}
              </td>
              <td>
                {tryOn ? (
                  <a
                    href={`/services/${regulation.id}?asOf=${tryOn}${regionOf(regulation.region) ? `&region=${regulation.region}` : ''}`}
                  >
                    {sandboxText.tryIt[locale]} ({day(tryOn)})
                  </a>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </PortalPage>
  );
}

/** `/services/versions`: the sandbox's list of every regulation version (404 outside a sandbox). */
export const versionsPage = definePage({
  path: '/services/versions',
  guard: async (c) => {
    if (!c.get('deps').config.sandbox) throw new DomainError(ErrorCode.notFound, {});
  },
  load: async (c): Promise<VersionsData> => {
    const services = c.get('deps').applications;
    return {
      versions: services.regulations.all.map((regulation) => ({
        regulation,
        tryOn: demoSettingOf(regulation, services.calendar, services.regulations)?.day,
      })),
    };
  },
  View: VersionsView,
});
