import { channelLabels, timeUnitLabels } from '../../../domain/regulation/labels.js';
import type { Region } from '../../../domain/regulation/Region.js';
import type { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import { listRegionProviders } from '../../../features/portal/list-region-providers.js';
import { getRegulation, listRegulations } from '../../../features/catalogue/list-regulations.js';
import { Notice, type PageContext } from '../layout.js';
import { NameIn } from '../components.js';
import { formatDate, nameIn, nameLang } from '../messages.js';
import { definePage } from '../page.js';
import type { WebContext } from '../web-env.js';
import { chosenAsOf } from './as-of.js';
import { chosenRegion, Choosers, RegionChooser, regionsOf, sandboxOf } from './catalogue-parts.js';
import { PortalPage } from './portal-page.js';
import { portalText as text } from './texts.js';

/** A service in force in the region (or found in another region by its regulation id). */
interface FoundService {
  readonly kind: 'found';
  readonly regions: readonly Region[];
  readonly region: Region;
  readonly regulation: RegulationDefinition;
  readonly providers: readonly { id: string; name: { kk: string; ru: string } }[];
  readonly date: string;
  readonly sandbox?: { asOf: string | undefined; today: string };
}

/** No such service in the region: the page says so, with the region chooser (404). */
interface MissingService {
  readonly kind: 'missing';
  readonly code: string;
  readonly regions: readonly Region[];
  readonly region: Region;
  /** Whether the region has services at all. */
  readonly isKnown: boolean;
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

/** The regulation's facts: region, act, providers, channels, terms, fee. */
function ServiceFacts(props: { ctx: PageContext; data: FoundService }) {
  const { ctx, data } = props;
  const { regulation } = data;
  const locale = ctx.locale;
  return (
    <dl class="facts">
      <dt>{text.region[locale]}</dt>
      <dd>{data.region.name[locale]}</dd>
      <dt>{text.regulation[locale]}</dt>
      <dd>
        <NameIn name={regulation.act.issuer} locale={locale} /> · {regulation.version} (
        {text.inForceOn[locale]} {data.date})
      </dd>
      <dt>{text.provider[locale]}</dt>
      <dd>
        {regulation.providerKinds
          .map((kind) => ctx.vocabulary.findProviderKind(kind)?.name[locale])
          .filter((label) => label !== undefined)
          .join('; ')}
        {data.providers.length > 0 ? (
          <ul class="plain">
            {data.providers.map((provider) => (
              <li>
                <NameIn name={provider.name} locale={locale} />
              </li>
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
  );
}

/** The documents to bring, with their conditions, and the results the service gives. */
function DocumentsAndResults(props: { locale: Locale; regulation: RegulationDefinition }) {
  const { locale, regulation } = props;
  return (
    <>
      <h2>{text.documents[locale]}</h2>
      <ul>
        {regulation.documents.map((document) => (
          <li>
            <NameIn name={document.title} locale={locale} />
            {document.condition ? (
              <>
                {` (${text.whenCondition[locale]}: `}
                <NameIn name={document.condition} locale={locale} />)
              </>
            ) : null}
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
            <li>
              <NameIn name={result.title} locale={locale} />
            </li>
          ))}
      </ul>
    </>
  );
}

function ServiceView(props: { ctx: PageContext; data: FoundService }) {
  const { ctx, data } = props;
  const { regulation } = data;
  const locale = ctx.locale;
  const name = nameIn(regulation.name, locale);
  const onPortal = regulation.channels.some((flow) => flow.channel === 'portal');
  return (
    <PortalPage ctx={ctx} title={name} titleLang={nameLang(locale)} current="/services">
      <p>
        <a href={`/services?region=${data.region.code}`}>{text.allServices[locale]}</a>
      </p>
      <h1 lang={nameLang(locale)}>{name}</h1>
      <Choosers
        ctx={ctx}
        action={`/services/${regulation.service}`}
        regions={data.regions}
        region={data.region}
        sandbox={data.sandbox}
      />
      <ServiceFacts ctx={ctx} data={data} />
      <DocumentsAndResults locale={locale} regulation={regulation} />
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

function MissingView(props: { ctx: PageContext; data: MissingService }) {
  const { ctx, data } = props;
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={text.catalogueTitle[locale]} current="/services">
      <h1>{text.catalogueTitle[locale]}</h1>
      <RegionChooser
        ctx={ctx}
        regions={data.regions}
        region={data.region}
        action={`/services/${data.code}`}
      />
      <Notice tone="warn">
        <p>{data.isKnown ? text.notInRegion[locale] : text.noServices[locale]}</p>
      </Notice>
      <p>
        <a href={`/services?region=${data.region.code}`}>{text.allServices[locale]}</a>
      </p>
    </PortalPage>
  );
}

/**
 * The service of the path in the chosen region: by service code or regulation id; a
 * regulation id of another region shows that region's page.
 */
async function findService(c: WebContext): Promise<FoundService | MissingService> {
  const services = c.get('deps').applications;
  const code = c.req.param('code') ?? '';
  let region = chosenRegion(c);
  const asOf = chosenAsOf(c);
  const on = asOf ? { date: asOf } : {};
  const catalogue = listRegulations(services, { region: region.code, ...on });
  let entry = catalogue.items.find((item) => item.serviceCode === code || item.id === code);
  if (!entry && code.includes('.')) {
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
    if (!/^[a-z0-9.-]{1,100}$/.test(code)) throw new DomainError(ErrorCode.notFound, { code });
    const isKnown = catalogue.items.length > 0;
    return { kind: 'missing', code, regions: regionsOf(c), region, isKnown };
  }
  const regulation = getRegulation(services, entry.id);
  return {
    kind: 'found',
    regions: regionsOf(c),
    region,
    regulation,
    providers: await listRegionProviders(services, regulation, region.code),
    date: formatDate(new Date(`${catalogue.date}T12:00:00+05:00`), c.get('locale')),
    ...sandboxOf(c, asOf),
  };
}

/** `/services/<code>`: one service as the regulation in force in the region describes it. */
export const servicePage = definePage({
  path: '/services/:code',
  guard: async () => undefined,
  load: findService,
  statusOf: (data) => (data.kind === 'missing' ? 404 : 200),
  View: (props) =>
    props.data.kind === 'found' ? (
      <ServiceView ctx={props.ctx} data={props.data} />
    ) : (
      <MissingView ctx={props.ctx} data={props.data} />
    ),
});
