import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { channelLabels } from '../../../domain/regulation/labels.js';
import type { Region } from '../../../domain/regulation/Region.js';
import type { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import type { VocabularyIndex } from '../../../domain/regulation/vocabulary-index.js';
import { timeUnitLabels } from '../../../domain/regulation/labels.js';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import { listRegionProviders } from '../../../features/portal/list-region-providers.js';
import {
  getRegulation,
  listRegulations,
  type RegulationCatalogueEntry,
} from '../../../features/queries/list-regulations.js';
import { Notice, type PageContext } from '../layout.js';
import { common, formatDate, nameIn } from '../messages.js';
import { pageContext, render } from '../page-context.js';
import { isSecureDeployment, type WebContext, type WebEnv } from '../web-env.js';
import { PortalPage } from './portal-page.js';
import { chosenAsOf } from './as-of.js';
import { sandboxText } from './sandbox-texts.js';
import { demoSettingOf } from '../../../features/demo/demo-plan.js';
import { kazakhstanDay } from '../../../features/portal/list-service-providers.js';
import { portalText as text } from './texts.js';

/** The cookie that remembers the chosen region (one year). */
export const regionCookieName = 'qyzmet_region';

/**
 * The regions a citizen can choose: every region and city of the vocabulary, and a former region
 * whose regulations are still loaded (its applications can still be made at a past date).
 */
export function portalRegions(vocabulary: VocabularyIndex, issuing: ReadonlySet<string>): Region[] {
  return vocabulary.vocabulary.regions.filter(
    (region) =>
      region.kind === 'region' ||
      region.kind === 'city' ||
      (region.kind === 'former_region' && issuing.has(region.code)),
  );
}

function choosableRegion(c: WebContext, code: string | undefined): Region | undefined {
  if (code === undefined) return undefined;
  const { vocabulary, all } = c.get('deps').applications.regulations;
  const region = vocabulary.findRegion(code);
  if (!region || region.code !== code) return undefined;
  const issuing = new Set(all.map((regulation) => regulation.region));
  return portalRegions(vocabulary, issuing).includes(region) ? region : undefined;
}

/**
 * The region of this request: `?region=` (remembered), else the cookie, else the vocabulary's
 * default. A `?region=` that names no choosable region is a 404 (never another region instead).
 */
export function chosenRegion(c: WebContext): Region {
  const asked = c.req.query('region');
  if (asked !== undefined) {
    const region = choosableRegion(c, asked);
    if (!region) throw new UnknownRegion();
    setCookie(c, regionCookieName, region.code, {
      path: '/',
      maxAge: 365 * 24 * 3600,
      sameSite: 'Lax',
      secure: isSecureDeployment(c),
    });
    return region;
  }
  return (
    choosableRegion(c, getCookie(c, regionCookieName)) ??
    c.get('deps').applications.regulations.vocabulary.defaultRegion
  );
}

/** A `?region=` that names no region a citizen can choose. */
class UnknownRegion extends Error {}

function RegionChooser(props: {
  ctx: PageContext;
  regions: readonly Region[];
  region: Region | undefined;
  action: string;
  query?: string;
}) {
  const locale = props.ctx.locale;
  const sorted = [...props.regions].sort((a, b) =>
    a.name[locale].localeCompare(b.name[locale], locale),
  );
  return (
    <form method="get" action={props.action} class="region-chooser">
      {props.query !== undefined ? <input type="hidden" name="q" value={props.query} /> : null}
      <div class="field">
        <label for="region">{text.region[locale]}</label>
        <span class="hint" id="region-hint">
          {text.regionHint[locale]}
        </span>
        <select id="region" name="region" aria-describedby="region-hint">
          {sorted.map((region) => (
            <option value={region.code} selected={region.code === props.region?.code}>
              {region.name[locale]}
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button type="submit" class="secondary">
          {text.show[locale]}
        </button>
      </div>
    </form>
  );
}

/** The sandbox's "as of" chooser (docs/sandbox.md): a past date, or today. */
function AsOfChooser(props: {
  ctx: PageContext;
  action: string;
  region: { code: string };
  asOf: string | undefined;
  today: string;
}) {
  const locale = props.ctx.locale;
  return (
    <form method="get" action={props.action} class="as-of-chooser">
      <input type="hidden" name="region" value={props.region.code} />
      <div class="field">
        <label for="asOf">{sandboxText.asOf[locale]}</label>
        <span class="hint" id="asOf-hint">
          {sandboxText.asOfHint[locale]}
        </span>
        <input
          id="asOf"
          name="asOf"
          type="date"
          value={props.asOf ?? props.today}
          max={props.today}
          aria-describedby="asOf-hint"
        />
      </div>
      <div class="actions">
        <button type="submit" class="secondary">
          {sandboxText.choose[locale]}
        </button>{' '}
        <a href={`${props.action}?region=${props.region.code}&asOf=`}>
          {sandboxText.today[locale]}
        </a>{' '}
        · <a href="/services/versions">{sandboxText.allVersions[locale]}</a>
      </div>
    </form>
  );
}

function matches(entry: RegulationCatalogueEntry, query: string): boolean {
  if (!query) return true;
  const needle = query.toLocaleLowerCase('ru');
  return [entry.name.kk, entry.name.ru, entry.name.en ?? '', entry.serviceCode].some((value) =>
    value.toLocaleLowerCase('ru').includes(needle),
  );
}

function CataloguePage(props: {
  ctx: PageContext;
  vocabulary: VocabularyIndex;
  regions: readonly Region[];
  region: Region;
  query: string;
  date: string;
  entries: RegulationCatalogueEntry[];
  sandbox?: { asOf: string | undefined; today: string };
}) {
  const { ctx, vocabulary } = props;
  const locale = ctx.locale;
  const groups = vocabulary.vocabulary.areas
    .map((area) => ({
      area,
      entries: props.entries.filter(
        (entry) => vocabulary.findService(entry.serviceCode)?.area === area.code,
      ),
    }))
    .filter((group) => group.entries.length > 0);
  return (
    <PortalPage ctx={ctx} title={text.catalogueTitle[locale]} current="/services">
      <h1>{text.catalogueTitle[locale]}</h1>
      <form method="get" action="/services" role="search" class="catalogue-search">
        <input type="hidden" name="region" value={props.region.code} />
        <div class="field">
          <label for="q">{text.searchLabel[locale]}</label>
          <input id="q" name="q" type="search" value={props.query} />
        </div>
        <div class="actions">
          <button type="submit">{common.search[locale]}</button>
        </div>
      </form>
      <RegionChooser
        ctx={ctx}
        regions={props.regions}
        region={props.region}
        action="/services"
        query={props.query}
      />
      {props.sandbox ? (
        <AsOfChooser
          ctx={ctx}
          action="/services"
          region={props.region}
          asOf={props.sandbox.asOf}
          today={props.sandbox.today}
        />
      ) : null}
      <p>
        {text.inForceOn[locale]}: {props.date} · {props.region.name[locale]}
      </p>
      {groups.length === 0 ? (
        <Notice>
          <p>{text.noServices[locale]}</p>
        </Notice>
      ) : (
        groups.map((group) => (
          <section aria-labelledby={`area-${group.area.code}`}>
            <h2 id={`area-${group.area.code}`}>{group.area.name[locale]}</h2>
            <ul class="cards">
              {group.entries.map((entry) => (
                <li>
                  <h3>
                    <a href={`/services/${entry.serviceCode}?region=${props.region.code}`}>
                      {nameIn(entry.name, locale)}
                    </a>
                  </h3>
                  <p>
                    {entry.channels.map((channel) => (
                      <span class="tag neutral">{channelLabels[channel][locale]}</span>
                    ))}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </PortalPage>
  );
}

function feeText(regulation: RegulationDefinition, locale: Locale): string {
  switch (regulation.fee.kind) {
    case 'free':
      return text.free[locale];
    case 'paid':
      return `${regulation.fee.amount ?? ''} ${text.tenge[locale]}`.trim();
    case 'not_stated':
      return text.notStated[locale];
  }
}

function ServicePage(props: {
  ctx: PageContext;
  vocabulary: VocabularyIndex;
  regions: readonly Region[];
  region: Region;
  regulation: RegulationDefinition;
  providers: readonly { id: string; name: { kk: string; ru: string } }[];
  date: string;
  sandbox?: { asOf: string | undefined; today: string };
}) {
  const { ctx, regulation } = props;
  const locale = ctx.locale;
  const name = nameIn(regulation.name, locale);
  const onPortal = regulation.channels.some((flow) => flow.channel === 'portal');
  return (
    <PortalPage ctx={ctx} title={name} current="/services">
      <p>
        <a href={`/services?region=${props.region.code}`}>{text.allServices[locale]}</a>
      </p>
      <h1>{name}</h1>
      <RegionChooser
        ctx={ctx}
        regions={props.regions}
        region={props.region}
        action={`/services/${regulation.service}`}
      />
      {props.sandbox ? (
        <AsOfChooser
          ctx={ctx}
          action={`/services/${regulation.service}`}
          region={props.region}
          asOf={props.sandbox.asOf}
          today={props.sandbox.today}
        />
      ) : null}
      <dl class="facts">
        <dt>{text.region[locale]}</dt>
        <dd>{props.region.name[locale]}</dd>
        <dt>{text.regulation[locale]}</dt>
        <dd>
          {nameIn(regulation.act.issuer, locale)} · {regulation.version} ({text.inForceOn[locale]}{' '}
          {props.date})
        </dd>
        <dt>{text.provider[locale]}</dt>
        <dd>
          {regulation.providerKinds
            .map((kind) => props.vocabulary.findProviderKind(kind)?.name[locale])
            .filter((label) => label !== undefined)
            .join('; ')}
          {props.providers.length > 0 ? (
            <ul class="plain">
              {props.providers.map((provider) => (
                <li>{nameIn(provider.name, locale)}</li>
              ))}
            </ul>
          ) : null}
        </dd>
        <dt>{text.channels[locale]}</dt>
        <dd>{regulation.channels.map((flow) => channelLabels[flow.channel][locale]).join('; ')}</dd>
        <dt>{text.term[locale]}</dt>
        <dd>
          <ul class="plain">
            {regulation.terms.map((term) => (
              <li>
                {term.duration.amount} {timeUnitLabels[term.duration.unit][locale]} —{' '}
                {term.channels.map((channel) => channelLabels[channel][locale]).join(', ')}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{text.fee[locale]}</dt>
        <dd>{feeText(regulation, locale)}</dd>
      </dl>
      <h2>{text.documents[locale]}</h2>
      <ul>
        {regulation.documents.map((document) => (
          <li>
            {nameIn(document.title, locale)}
            {document.condition
              ? ` (${text.whenCondition[locale]}: ${nameIn(document.condition, locale)})`
              : ''}
            {document.requirement === 'one_of' ? ` — ${text.oneOfGroup[locale]}` : ''}
            {document.channels
              ? ` — ${text.onlyOnChannels[locale]}: ${document.channels.map((channel) => channelLabels[channel][locale]).join(', ')}`
              : ''}
          </li>
        ))}
      </ul>
      <h2>{text.result[locale]}</h2>
      <ul>
        {regulation.results
          .filter((result) => result.kind === 'result' || result.kind === 'reasoned_refusal')
          .map((result) => (
            <li>{nameIn(result.title, locale)}</li>
          ))}
      </ul>
      {onPortal ? (
        <p>
          <a class="button" href={`/apply/${regulation.id}`}>
            {text.apply[locale]}
          </a>
        </p>
      ) : (
        <Notice>
          <p>{text.notOnPortal[locale]}</p>
        </Notice>
      )}
    </PortalPage>
  );
}

/** The sandbox's "as of" state of a catalogue page (nothing outside a sandbox). */
function sandboxOf(c: WebContext, asOf: string | undefined) {
  const deps = c.get('deps');
  return deps.config.sandbox ? { sandbox: { asOf, today: kazakhstanDay(deps.now()) } } : {};
}

/**
 * The sandbox catalogue (docs/sandbox.md): every regulation version with the period it was in
 * force, each with a link that opens its service page "as of" a working day of that period.
 */
function VersionsPage(props: {
  ctx: PageContext;
  versions: readonly { regulation: RegulationDefinition; tryOn: string | undefined }[];
}) {
  const locale = props.ctx.locale;
  const sorted = [...props.versions].sort(
    (a, b) =>
      a.regulation.region.localeCompare(b.regulation.region) ||
      a.regulation.service.localeCompare(b.regulation.service) ||
      a.regulation.effectiveFrom.localeCompare(b.regulation.effectiveFrom),
  );
  const regionOf = (code: string) => {
    const region = props.ctx.vocabulary.findRegion(code);
    return region && region.kind !== 'country' ? region : undefined;
  };
  const regionName = (code: string) => regionOf(code)?.name[locale] ?? sandboxText.national[locale];
  const day = (iso: string) => formatDate(new Date(`${iso}T12:00:00+05:00`), locale);
  return (
    <PortalPage ctx={props.ctx} title={sandboxText.allVersions[locale]} current="/services">
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
              <td>{nameIn(regulation.name, locale)}</td>
              <td>{regionName(regulation.region)}</td>
              <td>
                {nameIn(regulation.act.issuer, locale)}
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

/** The catalogue of services (/services) and each service's page (/services/<code>). */
export function catalogueRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  const regionsOf = (c: WebContext) => {
    const { vocabulary, all } = c.get('deps').applications.regulations;
    return portalRegions(vocabulary, new Set(all.map((regulation) => regulation.region)));
  };

  routes.onError(async (error, c) => {
    if (!(error instanceof UnknownRegion)) throw error;
    const ctx = await pageContext(c);
    const locale = ctx.locale;
    return render(
      c,
      <PortalPage ctx={ctx} title={text.catalogueTitle[locale]} current="/services">
        <h1>{text.catalogueTitle[locale]}</h1>
        <Notice tone="warn">
          <p>{text.unknownRegion[locale]}</p>
        </Notice>
        <RegionChooser ctx={ctx} regions={regionsOf(c)} region={undefined} action="/services" />
      </PortalPage>,
      404,
    );
  });

  routes.get('/services', async (c) => {
    const region = chosenRegion(c);
    const query = (c.req.query('q') ?? '').trim().slice(0, 100);
    const asOf = chosenAsOf(c);
    const catalogue = listRegulations(c.get('deps').applications, {
      region: region.code,
      ...(asOf ? { date: asOf } : {}),
    });
    return render(
      c,
      <CataloguePage
        ctx={await pageContext(c)}
        vocabulary={c.get('deps').applications.regulations.vocabulary}
        regions={regionsOf(c)}
        region={region}
        query={query}
        date={catalogue.date}
        entries={catalogue.items.filter((entry) => matches(entry, query))}
        {...sandboxOf(c, asOf)}
      />,
    );
  });

  routes.get('/services/versions', async (c) => {
    if (!c.get('deps').config.sandbox) throw new DomainError(ErrorCode.notFound, {});
    const services = c.get('deps').applications;
    return render(
      c,
      <VersionsPage
        ctx={await pageContext(c)}
        versions={services.regulations.all.map((regulation) => ({
          regulation,
          tryOn: demoSettingOf(regulation, services.calendar, services.regulations)?.day,
        }))}
      />,
    );
  });

  routes.get('/services/:code', async (c) => {
    const services = c.get('deps').applications;
    const code = c.req.param('code');
    let region = chosenRegion(c);
    const asOf = chosenAsOf(c);
    const on = asOf ? { date: asOf } : {};
    const catalogue = listRegulations(services, { region: region.code, ...on });
    let entry = catalogue.items.find((item) => item.serviceCode === code || item.id === code);
    if (!entry && code.includes('.')) {
      // A regulation id of another region: show that region's page.
      const regulation = getRegulation(services, code);
      const other = regionsOf(c).find((candidate) =>
        listRegulations(services, { region: candidate.code, ...on }).items.some(
          (item) => item.id === regulation.id,
        ),
      );
      if (other) {
        region = other;
        entry = listRegulations(services, { region: region.code, ...on }).items.find(
          (item) => item.id === regulation.id,
        );
      }
    }
    if (!entry) {
      const locale = c.get('locale');
      const ctx = await pageContext(c);
      const known = catalogue.items.length > 0;
      if (!/^[a-z0-9.-]{1,100}$/.test(code)) throw new DomainError(ErrorCode.notFound, { code });
      return render(
        c,
        <PortalPage ctx={ctx} title={text.catalogueTitle[locale]} current="/services">
          <h1>{text.catalogueTitle[locale]}</h1>
          <RegionChooser
            ctx={ctx}
            regions={regionsOf(c)}
            region={region}
            action={`/services/${code}`}
          />
          <Notice tone="warn">
            <p>{known ? text.notInRegion[locale] : text.noServices[locale]}</p>
          </Notice>
          <p>
            <a href={`/services?region=${region.code}`}>{text.allServices[locale]}</a>
          </p>
        </PortalPage>,
        404,
      );
    }
    const regulation = getRegulation(services, entry.id);
    return render(
      c,
      <ServicePage
        ctx={await pageContext(c)}
        vocabulary={services.regulations.vocabulary}
        regions={regionsOf(c)}
        region={region}
        regulation={regulation}
        providers={await listRegionProviders(services, regulation, region.code)}
        date={formatDate(new Date(`${catalogue.date}T12:00:00+05:00`), c.get('locale'))}
        {...sandboxOf(c, asOf)}
      />,
    );
  });

  return routes;
}
