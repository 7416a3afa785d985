import { Hono } from 'hono';
import { DomainError } from '../../domain/shared/domain-error.js';
import { downloadDocumentFor } from '../../features/documents/download-document.js';
import { documentPrintPage } from './document-print-page.js';
import { mountPages } from './page.js';
import { currentUser } from './page-context.js';
import type { WebEnv } from './web-env.js';

/**
 * `GET /documents/:id.pdf`: a result, receipt or register as PDF for a signed-in person who
 * may see it (citizens their own and their principals', staff their organisation's).
 */
export function documentRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  routes.get('/documents/:file{[0-9a-fA-F-]{36}\\.pdf}', async (c) => {
    const user = await currentUser(c);
    if (!user) throw new DomainError('unauthenticated', { reason: 'login_required' });
    const id = c.req.param('file').slice(0, -'.pdf'.length);
    const document = await downloadDocumentFor(c.get('deps').applications, user.principal, id);
    c.header('content-type', 'application/pdf');
    c.header('content-disposition', `inline; filename="${document.fileName}"`);
    c.header('cache-control', 'private, no-store');
    return c.body(document.pdf as Uint8Array<ArrayBuffer>);
  });
  // The same document as a page to print (issue 18, point 7).
  return mountPages(routes, [documentPrintPage]);
}
