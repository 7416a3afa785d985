import type { Locale } from '../../../domain/shared/locale.js';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import { rateLimitPolicies } from '../../../features/limits/rate-limit.js';
import { listProtocol } from '../../../features/preschool-queue/list-protocol.js';
import {
  lookupPosition,
  type PositionChange,
  type PublicPosition,
} from '../../../features/preschool-queue/lookup-position.js';
import {
  listDistrictKindergartens,
  listQueueDistrictsWithRules,
} from '../../../features/preschool-queue/queue-catalogue.js';
import { queueServicesOf } from '../../../features/preschool-queue/queue-services.js';
import { DueTime, RowsTable } from '../components.js';
import { limitByClient } from '../form.js';
import { ErrorSummary, SelectField, TextField } from '../layout.js';
import { definePage } from '../page.js';
import { qt, storedName } from '../preschool-queue-texts.js';
import type { WebContext } from '../web-env.js';
import { PortalPage } from './portal-page.js';

const slipPattern = /^Q-\d{4}-\d{4}-\d{2}$/;

/** The explanation of the last change of a position (shared with the cabinet). */
export function PositionChangeView(props: { change: PositionChange | null; locale: Locale }) {
  const { change, locale } = props;
  if (!change) return <p class="position-change">{qt.noChange[locale]}</p>;
  return (
    <section class="position-change" aria-label={qt.whyChanged[locale]}>
      <h3>{qt.whyChanged[locale]}</h3>
      <ul>
        <li>
          {qt.previous[locale]}: {change.previous}
        </li>
        {change.higherCategoryRegistered > 0 ? (
          <li data-reason="higher-category">
            {qt.higherCategoryRegistered[locale]}: {change.higherCategoryRegistered}
          </li>
        ) : null}
        {change.aheadGotPlaces > 0 ? (
          <li data-reason="ahead-got-places">
            {qt.aheadGotPlaces[locale]}: {change.aheadGotPlaces}
          </li>
        ) : null}
        {change.aheadAgedOut > 0 ? (
          <li data-reason="ahead-aged-out">
            {qt.aheadAgedOut[locale]}: {change.aheadAgedOut}
          </li>
        ) : null}
        {change.privilegeLost ? (
          <li data-reason="privilege-lost">{qt.privilegeLost[locale]}</li>
        ) : null}
      </ul>
    </section>
  );
}

/** The facts of a position (shared with the cabinet). */
export function PositionFacts(props: { position: PublicPosition; locale: Locale }) {
  const { position, locale } = props;
  return (
    <dl class="facts">
      <dt>{qt.slipNumber[locale]}</dt>
      <dd class="slip-number">{position.number}</dd>
      <dt>{qt.status[locale]}</dt>
      <dd>
        <span class="tag neutral queue-status" data-status={position.status}>
          {qt.statuses[position.status]?.[locale]}
        </span>
      </dd>
      <dt>{qt.category[locale]}</dt>
      <dd>{qt.categories[position.category]?.[locale]}</dd>
      <dt>{qt.registeredAt[locale]}</dt>
      <dd>
        <DueTime at={position.registeredAt} />
      </dd>
      {position.position !== null ? (
        <>
          <dt>{qt.position[locale]}</dt>
          <dd class="queue-position" data-position={String(position.position)}>
            {position.position}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

interface LookupData {
  readonly number: string;
  readonly error?: 'format' | 'unknown';
  readonly found?: PublicPosition;
}

/**
 * `/queue/position?number=Q-…`: the public position lookup by slip number (no sign-in, no
 * personal data), limited per client address (a localised 429 past the limit). A read only:
 * it never moves the parent's "since you last looked" marker.
 */
export const queuePositionPage = definePage({
  path: '/queue/position',
  guard: () => Promise.resolve(undefined),
  load: async (c: WebContext): Promise<LookupData> => {
    const raw = c.req.query('number');
    if (raw === undefined) return { number: '' };
    const number = raw.trim().toUpperCase().slice(0, 20);
    if (!slipPattern.test(number)) return { number, error: 'format' };
    await limitByClient(c, 'queue-position', rateLimitPolicies.publicLookup);
    try {
      return {
        number,
        found: await lookupPosition(queueServicesOf(c.get('deps').applications), number),
      };
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.notFound)
        return { number, error: 'unknown' };
      throw error;
    }
  },
  statusOf: (data) => (data.error === 'format' ? 422 : data.error === 'unknown' ? 404 : 200),
  View: ({ ctx, data }) => {
    const locale = ctx.locale;
    const errors = data.error
      ? [
          {
            field: 'number',
            message: data.error === 'format' ? qt.slipNumberHint[locale] : qt.slipUnknown[locale],
          },
        ]
      : [];
    return (
      <PortalPage ctx={ctx} title={qt.lookupTitle[locale]} current="/queue/position" narrow>
        <h1>{qt.lookupTitle[locale]}</h1>
        <p class="lead">{qt.lookupLead[locale]}</p>
        <ErrorSummary ctx={ctx} errors={errors} />
        <form method="get" action="/queue/position" novalidate>
          <TextField
            id="number"
            label={qt.slipNumber[locale]}
            hint={qt.slipNumberHint[locale]}
            value={data.number}
            maxlength={14}
            error={errors[0]?.message}
            required
          />
          <div class="actions">
            <button type="submit">{qt.check[locale]}</button>
          </div>
        </form>
        {data.found ? (
          <section aria-labelledby="position-result" id="queue-position-result">
            <h2 id="position-result">{qt.slipTitle[locale]}</h2>
            <PositionFacts position={data.found} locale={locale} />
            {data.found.status === 'waiting' ? (
              <PositionChangeView change={data.found.change} locale={locale} />
            ) : null}
          </section>
        ) : null}
        <p>
          <a href="/queue/protocol">{qt.protocolTitle[locale]}</a>
        </p>
      </PortalPage>
    );
  },
});

/** `/queue/protocol?district=<region>/<code>`: the public protocol of a district (no personal data). */
export const queueProtocolPage = definePage({
  path: '/queue/protocol',
  guard: () => Promise.resolve(undefined),
  load: async (c: WebContext) => {
    const services = queueServicesOf(c.get('deps').applications);
    const districts = await listQueueDistrictsWithRules(services);
    const chosen = (c.req.query('district') ?? '').slice(0, 170);
    const district =
      districts.find((entry) => `${entry.region}/${entry.code}` === chosen) ?? districts[0];
    if (!district) return { districts, district, protocol: undefined, names: new Map() };
    await limitByClient(c, 'queue-protocol', rateLimitPolicies.publicLookup);
    const key = { region: district.region, district: district.code };
    const [protocol, kindergartens] = await Promise.all([
      listProtocol(services, key),
      listDistrictKindergartens(services, key),
    ]);
    const names = new Map(kindergartens.map((entry) => [entry.id, entry.name]));
    return { districts, district, protocol, names };
  },
  View: ({ ctx, data }) => {
    const locale = ctx.locale;
    const nameOf = (id: string) => {
      const name = data.names.get(id);
      return name ? storedName(name, locale) : '—';
    };
    return (
      <PortalPage ctx={ctx} title={qt.protocolTitle[locale]} current="/queue/protocol">
        <h1>{qt.protocolTitle[locale]}</h1>
        <p class="lead">{qt.protocolLead[locale]}</p>
        <form method="get" action="/queue/protocol">
          <SelectField
            id="district"
            label={qt.district[locale]}
            value={data.district ? `${data.district.region}/${data.district.code}` : ''}
            options={data.districts.map((entry) => ({
              value: `${entry.region}/${entry.code}`,
              label: storedName(entry.name, locale),
            }))}
          />
          <div class="actions">
            <button type="submit">{qt.show[locale]}</button>
          </div>
        </form>
        <h2 id="protocol-offers">{qt.offers[locale]}</h2>
        <RowsTable
          id="queue-protocol"
          labelledBy="protocol-offers"
          headings={[
            qt.date[locale],
            qt.event[locale],
            qt.slipNumber[locale],
            qt.category[locale],
            qt.kindergarten[locale],
            qt.run[locale],
            qt.referralNumber[locale],
          ]}
          rows={data.protocol?.offers ?? []}
          empty={qt.nothing[locale]}
          row={(entry) => (
            <tr data-number={entry.number} data-event={entry.event}>
              <td>
                <DueTime at={entry.at} />
              </td>
              <td>{qt.offerStatuses[entry.event]?.[locale]}</td>
              <td>{entry.number}</td>
              <td>{qt.categories[entry.category]?.[locale]}</td>
              <td>{nameOf(entry.kindergartenId)}</td>
              <td>{entry.run}</td>
              <td>{entry.referral ?? '—'}</td>
            </tr>
          )}
        />
        <h2 id="protocol-places">{qt.placesPublished[locale]}</h2>
        <RowsTable
          id="queue-protocol-places"
          labelledBy="protocol-places"
          headings={[qt.date[locale], qt.kindergarten[locale], qt.status[locale]]}
          rows={data.protocol?.places ?? []}
          empty={qt.nothing[locale]}
          row={(entry) => (
            <tr>
              <td>
                <DueTime at={entry.publishedAt} />
              </td>
              <td>{nameOf(entry.kindergartenId)}</td>
              <td>{qt.placeStatuses[entry.status]?.[locale]}</td>
            </tr>
          )}
        />
      </PortalPage>
    );
  },
});
