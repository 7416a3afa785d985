import { Hono } from 'hono';
import { mountPages } from '../page.js';
import type { WebEnv } from '../web-env.js';
import { certifyPage } from './apply-certify-page.js';
import { documentsPage } from './apply-documents-page.js';
import { donePage } from './apply-done-page.js';
import { applyFormPage } from './apply-form.js';
import { reviewPage } from './apply-review-page.js';

/**
 * The application journey (docs/portal-apply.md): /apply/<regulationId> (the form) and its
 * draft's steps — documents, review, certify with a one-time password, done.
 */
export function applyRoutes(): Hono<WebEnv> {
  return mountPages(
    new Hono<WebEnv>(),
    [applyFormPage, documentsPage, reviewPage, certifyPage, donePage],
    { postRedirectGet: true },
  );
}
