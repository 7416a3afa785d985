import { getCookie, setCookie } from 'hono/cookie';
import type { Region } from '../../../domain/regulation/Region.js';
import type { VocabularyIndex } from '../../../domain/regulation/vocabulary-index.js';
import { kazakhstanDay } from '../../../features/portal/list-service-providers.js';
import type { PageContext } from '../layout.js';
import { isSecureDeployment, type WebContext } from '../web-env.js';
import { sandboxText } from './sandbox-texts.js';
import { portalText as text } from './texts.js';

/**
 * What the catalogue's pages share: the regions a citizen can choose and the chosen one, the
 * region chooser, and the sandbox's "as of" chooser.
 */

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
export class UnknownRegion extends Error {}

export function RegionChooser(props: {
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
export function AsOfChooser(props: {
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

/** The regions a citizen can choose in this installation. */
export function regionsOf(c: WebContext): Region[] {
  const { vocabulary, all } = c.get('deps').applications.regulations;
  return portalRegions(vocabulary, new Set(all.map((regulation) => regulation.region)));
}

/** The sandbox's "as of" state of a catalogue page (nothing outside a sandbox). */
export function sandboxOf(c: WebContext, asOf: string | undefined) {
  const deps = c.get('deps');
  return deps.config.sandbox ? { sandbox: { asOf, today: kazakhstanDay(deps.now()) } } : {};
}

/** The region chooser and, in a sandbox, the "as of" chooser of a catalogue page. */
export function Choosers(props: {
  ctx: PageContext;
  action: string;
  regions: readonly Region[];
  region: Region;
  query?: string;
  sandbox?: { asOf: string | undefined; today: string } | undefined;
}) {
  const { ctx, action, region, sandbox } = props;
  return (
    <>
      <RegionChooser
        ctx={ctx}
        regions={props.regions}
        region={region}
        action={action}
        {...(props.query !== undefined ? { query: props.query } : {})}
      />
      {sandbox ? (
        <AsOfChooser
          ctx={ctx}
          action={action}
          region={region}
          asOf={sandbox.asOf}
          today={sandbox.today}
        />
      ) : null}
    </>
  );
}
