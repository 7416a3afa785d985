import { channelLabels } from '../../../domain/regulation/labels.js';
import type { Region } from '../../../domain/regulation/Region.js';
import {
  listRegulations,
  type RegulationCatalogueEntry,
} from '../../../features/catalogue/list-regulations.js';
import { Notice, type PageContext } from '../layout.js';
import { NameIn } from '../components.js';
import { common } from '../messages.js';
import { definePage } from '../page.js';
import { chosenAsOf } from './as-of.js';
import { chosenRegion, Choosers, regionsOf, sandboxOf } from './catalogue-parts.js';
import { openDataText } from './open-data-page.js';
import { PortalPage } from './portal-page.js';
import { portalText as text } from './texts.js';

function matches(entry: RegulationCatalogueEntry, query: string): boolean {
  if (!query) return true;
  const needle = query.toLocaleLowerCase('ru');
  return [entry.name.kk, entry.name.ru, entry.name.en ?? '', entry.serviceCode].some((value) =>
    value.toLocaleLowerCase('ru').includes(needle),
  );
}

interface CatalogueData {
  readonly regions: readonly Region[];
  readonly region: Region;
  readonly query: string;
  readonly date: string;
  readonly entries: RegulationCatalogueEntry[];
  readonly sandbox?: { asOf: string | undefined; today: string };
}

/** The services found, grouped by the vocabulary's areas. */
function ServiceCards(props: { ctx: PageContext; data: CatalogueData }) {
  const { ctx, data } = props;
  const { vocabulary } = ctx;
  const locale = ctx.locale;
  const groups = vocabulary.vocabulary.areas
    .map((area) => ({
      area,
      entries: data.entries.filter(
        (entry) => vocabulary.findService(entry.serviceCode)?.area === area.code,
      ),
    }))
    .filter((group) => group.entries.length > 0);
  if (groups.length === 0) {
    return (
      <Notice>
        <p>{text.noServices[locale]}</p>
      </Notice>
    );
  }
  return (
    <>
      {groups.map((group) => (
        <section aria-labelledby={`area-${group.area.code}`}>
          <h2 id={`area-${group.area.code}`}>{group.area.name[locale]}</h2>
          <ul class="cards">
            {group.entries.map((entry) => (
              <li>
                <h3>
                  <a href={`/services/${entry.serviceCode}?region=${data.region.code}`}>
                    <NameIn name={entry.name} locale={locale} />
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
      ))}
    </>
  );
}

function CatalogueView(props: { ctx: PageContext; data: CatalogueData }) {
  const { ctx, data } = props;
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={text.catalogueTitle[locale]} current="/services">
      <h1>{text.catalogueTitle[locale]}</h1>
      <form method="get" action="/services" role="search" class="catalogue-search">
        <input type="hidden" name="region" value={data.region.code} />
        <div class="field">
          <label for="q">{text.searchLabel[locale]}</label>
          <input id="q" name="q" type="search" value={data.query} />
        </div>
        <div class="actions">
          <button type="submit">{common.search[locale]}</button>
        </div>
      </form>
      <Choosers
        ctx={ctx}
        action="/services"
        regions={data.regions}
        region={data.region}
        query={data.query}
        sandbox={data.sandbox}
      />
      <p>
        {text.inForceOn[locale]}: {data.date} · {data.region.name[locale]}
      </p>
      <ServiceCards ctx={ctx} data={data} />
      <p class="open-data-link">
        <a href="/open-data/quality">{openDataText.title[locale]}</a>
      </p>
    </PortalPage>
  );
}

/** `/services`: the services in force in the chosen region, by area, with a search. */
export const cataloguePage = definePage({
  path: '/services',
  guard: async () => undefined,
  load: async (c): Promise<CatalogueData> => {
    const region = chosenRegion(c);
    const query = (c.req.query('q') ?? '').trim().slice(0, 100);
    const asOf = chosenAsOf(c);
    const catalogue = listRegulations(c.get('deps').applications, {
      region: region.code,
      ...(asOf ? { date: asOf } : {}),
    });
    return {
      regions: regionsOf(c),
      region,
      query,
      date: catalogue.date,
      entries: catalogue.items.filter((entry) => matches(entry, query)),
      ...sandboxOf(c, asOf),
    };
  },
  View: CatalogueView,
});
