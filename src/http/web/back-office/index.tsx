import { Hono } from 'hono';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import { downloadApplicationUpload } from '../../../features/documents/download-application-upload.js';
import { getPreparedPdf } from '../../../features/back-office/get-back-office-application.js';
import { mountPages } from '../page.js';
import { requireStaff } from '../page-context.js';
import type { WebEnv } from '../web-env.js';
import { appealPage } from './appeal-page.js';
import { appealsPage } from './appeals-page.js';
import { applicationPage } from './application-page.js';
import { backOfficeRoles } from './components.js';
import { escalationsPage } from './escalations-page.js';
import { inboxPage } from './inbox-page.js';
import { kindergartenPlacesPage } from './kindergarten-places-page.js';
import { queuePrivilegesPage } from './queue-privileges-page.js';
import { queueStatisticsPage } from './queue-statistics-page.js';
import { resultRequestsPage } from './result-requests-page.js';
import { searchPage } from './search-page.js';
import { vacancyPage } from './vacancy-page.js';

/** The files of an application page: a prepared draft's PDF and the applicant's uploads. */
function mountApplicationFiles(routes: Hono<WebEnv>): void {
  routes.get('/back-office/applications/:id/drafts/:file', async (c) => {
    const user = await requireStaff(c, backOfficeRoles);
    const match = /^([0-9a-f-]{36})\.pdf$/i.exec(c.req.param('file'));
    if (!match) throw new DomainError(ErrorCode.notFound, {});
    const draft = await getPreparedPdf(
      c.get('deps').applications,
      user.principal,
      c.req.param('id'),
      match[1]!,
    );
    c.header('content-type', 'application/pdf');
    c.header('content-disposition', `inline; filename="${draft.number}-draft.pdf"`);
    return c.body(new Uint8Array(draft.pdf));
  });

  // The applicant's portal uploads, for the staff of the organisations holding the application.
  routes.get('/back-office/applications/:id/uploads/:upload{[0-9a-fA-F-]{36}}', async (c) => {
    const user = await requireStaff(c, backOfficeRoles);
    const upload = await downloadApplicationUpload(
      c.get('deps').applications,
      user.principal,
      c.req.param('id'),
      c.req.param('upload'),
    );
    const extension = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[
      upload.mediaType
    ];
    const asciiName = `${upload.kind.replace(/[^A-Za-z0-9_-]/g, '_')}.${extension}`;
    c.header('content-type', upload.mediaType);
    c.header(
      'content-disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(upload.fileName)}`,
    );
    c.header('cache-control', 'private, no-store');
    c.header('x-content-sha256', upload.sha256);
    return c.body(upload.content as Uint8Array<ArrayBuffer>);
  });
}

/** The provider's back office under /back-office (issue 9): its pages, and the files. */
export function backOfficeRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  mountApplicationFiles(routes);
  return mountPages(
    routes,
    [
      inboxPage,
      escalationsPage,
      applicationPage,
      appealsPage,
      appealPage,
      resultRequestsPage,
      vacancyPage,
      searchPage,
      kindergartenPlacesPage,
      queueStatisticsPage,
      queuePrivilegesPage,
    ],
    { postRedirectGet: true },
  );
}
