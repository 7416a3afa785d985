import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.js';
import {
  applicationRoutes,
  commandOperation,
  getOperation,
  searchOperation,
  submitOperation,
} from './applications.js';
import {
  frontOfficeRequestRoutes,
  getFrontOfficeRequestOperation,
  signFrontOfficeRequestOperation,
} from './front-office-requests.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';
import type { ApiOperation } from './operation.js';
import {
  getRegulationOperation,
  inboxOperation,
  listRegulationsOperation,
  myApplicationsOperation,
  openQualityDataOperation,
  publicStatusOperation,
  queryRoutes,
} from './queries.js';
import {
  attachDocumentOperation,
  portalDraftRoutes,
  requestCertificationOperation,
  saveDraftOperation,
  submitDraftOperation,
} from './portal-drafts.js';
import { renderReferencePage } from './reference-page.js';
import {
  prepareDocumentOperation,
  resultDocumentRoutes,
  signDocumentOperation,
} from './result-documents.js';

/** Every operation of /api/v1, in the order the reference lists them. */
export const apiOperations: readonly ApiOperation[] = [
  listRegulationsOperation,
  getRegulationOperation,
  submitOperation,
  saveDraftOperation,
  attachDocumentOperation,
  requestCertificationOperation,
  submitDraftOperation,
  searchOperation,
  getOperation,
  commandOperation,
  prepareDocumentOperation,
  signDocumentOperation,
  getFrontOfficeRequestOperation,
  signFrontOfficeRequestOperation,
  inboxOperation,
  myApplicationsOperation,
  publicStatusOperation,
  openQualityDataOperation,
] as readonly ApiOperation[];

/** The API version the document states. */
export const apiVersion = '1.0.0';

/** The JSON API under /api/v1, its OpenAPI document and its reference page. */
export function apiV1Routes(): Hono<AppEnv> {
  // Built once per application, on first request (the schemas do not change while running).
  let document: OpenApiDocument | undefined;
  const openApiDocument = (): OpenApiDocument =>
    (document ??= buildOpenApiDocument(apiOperations, apiVersion));
  const routes = new Hono<AppEnv>();
  routes.route('/', queryRoutes());
  routes.route('/', applicationRoutes());
  routes.route('/', portalDraftRoutes());
  routes.route('/', resultDocumentRoutes());
  routes.route('/', frontOfficeRequestRoutes());
  routes.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  routes.get('/api/docs', async (c) => {
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(await renderReferencePage(openApiDocument()));
  });
  return routes;
}
