import { Hono } from 'hono';
import { Notice } from '../layout.js';
import { mountPages } from '../page.js';
import { pageContext, render } from '../page-context.js';
import type { WebEnv } from '../web-env.js';
import { RegionChooser, regionsOf, UnknownRegion } from './catalogue-parts.js';
import { cataloguePage } from './catalogue-page.js';
import { PortalPage } from './portal-page.js';
import { servicePage } from './service-page.js';
import { portalText as text } from './texts.js';
import { versionsPage } from './versions-page.js';

/** The catalogue of services (/services), each service's page (/services/<code>), the sandbox's versions. */
export function catalogueRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  // A `?region=` that names no region a citizen can choose: the catalogue says so (404).
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
  // The versions before the service page: `/services/versions` is not a service code.
  return mountPages(routes, [cataloguePage, versionsPage, servicePage]);
}
