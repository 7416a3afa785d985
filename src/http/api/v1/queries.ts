import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import { getOpenQualityData } from '../../../features/monitoring/get-open-quality-data.js';
import { getPublicStatus } from '../../../features/public-status/get-public-status.js';
import { enforceRateLimit, rateLimitPolicies } from '../../../features/limits/rate-limit.js';
import { clientAddress } from '../../client-address.js';
import { InboxQuery, listInbox } from '../../../features/back-office/list-inbox.js';
import {
  listMyApplications,
  MyApplicationsQuery,
} from '../../../features/applications/list-my-applications.js';
import {
  getRegulation,
  listRegulations,
  RegulationCatalogueQuery,
} from '../../../features/catalogue/list-regulations.js';
import type { AppEnv } from '../../app-env.js';
import { defineOperation, mount, principalOf } from './operation.js';
import {
  ApplicationPage,
  ErrorResponse,
  InboxPage,
  OpenQualityData,
  PublicStatus,
  RegulationCatalogue,
} from './schemas.js';

const unauthenticated = { description: 'No valid token or session', schema: ErrorResponse };
const forbidden = { description: 'Not for this kind of caller', schema: ErrorResponse };
const invalid = { description: 'Invalid query', schema: ErrorResponse };

export const listRegulationsOperation = defineOperation({
  method: 'get',
  path: '/api/v1/regulations',
  operationId: 'listRegulations',
  tag: 'Regulations',
  summary: 'Services in force per region, with channels, term, fee, documents and results',
  isPublic: true,
  query: RegulationCatalogueQuery,
  responses: { 200: { description: 'The catalogue', schema: RegulationCatalogue }, 422: invalid },
});

export const getRegulationOperation = defineOperation({
  method: 'get',
  path: '/api/v1/regulations/:id',
  operationId: 'getRegulation',
  tag: 'Regulations',
  summary: 'One regulation version, whole: steps, fields, documents, grounds for refusal',
  isPublic: true,
  params: z.object({ id: z.string().describe('<region>.<service>.<version date>') }).strict(),
  responses: {
    200: { description: 'The definition', schema: RegulationDefinition },
    404: { description: 'No such version', schema: ErrorResponse },
  },
});

export const inboxOperation = defineOperation({
  method: 'get',
  path: '/api/v1/inbox',
  operationId: 'listInbox',
  tag: 'Applications',
  summary: 'The caller’s role inbox, most urgent first',
  description:
    'Applications the caller’s organisation holds whose current step one of the caller’s roles performs (executor steps: only those assigned to the caller, or not yet assigned). Ordered by the step’s due (else the whole due), with an on_time / warning / overdue indicator: warning within 1 working day or 25% of the step, whichever is shorter. Staff only; audited.',
  isPublic: false,
  query: InboxQuery,
  responses: {
    200: { description: 'A page', schema: InboxPage },
    401: unauthenticated,
    403: forbidden,
    422: invalid,
  },
});

export const myApplicationsOperation = defineOperation({
  method: 'get',
  path: '/api/v1/me/applications',
  operationId: 'listMyApplications',
  tag: 'Applications',
  summary: 'The signed-in citizen’s applications (as applicant or representative)',
  isPublic: false,
  query: MyApplicationsQuery,
  responses: {
    200: { description: 'A page', schema: ApplicationPage },
    401: unauthenticated,
    403: forbidden,
    422: invalid,
  },
});

export const publicStatusOperation = defineOperation({
  method: 'get',
  path: '/api/v1/public/status/:number',
  operationId: 'getPublicStatus',
  tag: 'Public',
  summary: 'Status of an application by its number and check code — no login, no personal data',
  description:
    'Numbers are sequential, so a number alone opens nothing: `code` is the check code printed on the receipt and shown on the portal’s confirmation (`XXXX-XXXX`), or the applicant’s IIN. An unknown number and a wrong code are the same 404. A service marked sensitive in the vocabulary (e.g. certificates for the unemployed, support for disabled children) is not named: `serviceCode`, `serviceName` and the step’s `description` are null.',
  isPublic: true,
  params: z.object({ number: z.string().describe('e.g. 2026-0000001') }).strict(),
  query: z
    .object({
      code: z
        .string()
        .max(64)
        .optional()
        .describe(
          'Required: the check code from the receipt (XXXX-XXXX), or the applicant’s IIN; missing is 422',
        ),
    })
    .strict(),
  responses: {
    200: { description: 'The status', schema: PublicStatus },
    404: {
      description: 'No application with this number, or the code does not match it',
      schema: ErrorResponse,
    },
    422: { description: 'No check code given', schema: ErrorResponse },
    429: {
      description: 'Too many lookups from this address (Retry-After says how long to wait)',
      schema: ErrorResponse,
    },
  },
});

export const openQualityDataOperation = defineOperation({
  method: 'get',
  path: '/api/v1/open-data/quality',
  operationId: 'getOpenQualityData',
  tag: 'Public',
  summary: 'Open data: on-time rate, median duration and satisfaction per region and service',
  description:
    'The quality of public services as the monitoring counts it (issue 20), summed from the summary tables: per region and per service in it, the applications received and completed, the on-time share, the median working time used in percent of the term and the questionnaire score. No personal data: no application numbers, no IINs, no names. Cacheable for five minutes; the figures lag the engine by one worker round.',
  isPublic: true,
  query: z
    .object({
      period: z
        .string()
        .max(10)
        .optional()
        .describe('2026, 2026-Q4, 2026-11 or 2026-11-05; default the current quarter'),
      region: z
        .string()
        .max(100)
        .regex(/^[a-z0-9_-]+$/)
        .optional()
        .describe('One region (vocabulary code); default every region'),
    })
    .strict(),
  responses: {
    200: { description: 'The figures', schema: OpenQualityData },
    404: { description: 'No such region', schema: ErrorResponse },
    422: invalid,
  },
});

/** Regulations catalogue, inbox, the citizen's list and the public status. */
export function queryRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const services = (c: Context<AppEnv>) => c.get('deps').applications;

  mount(routes, listRegulationsOperation, (input) =>
    input.c.json(listRegulations(services(input.c), input.query)),
  );
  mount(routes, getRegulationOperation, (input) =>
    input.c.json(getRegulation(services(input.c), input.params.id)),
  );
  mount(routes, inboxOperation, async (input) =>
    input.c.json(
      await listInbox(
        services(input.c),
        principalOf(input),
        input.query,
        input.c.get('deps').inboxWarning,
      ),
    ),
  );
  mount(routes, myApplicationsOperation, async (input) =>
    input.c.json(await listMyApplications(services(input.c), principalOf(input), input.query)),
  );
  mount(routes, publicStatusOperation, async (input) => {
    const { database, now } = input.c.get('deps');
    await enforceRateLimit(
      database.db,
      `public-status:${clientAddress(input.c)}`,
      rateLimitPolicies.publicLookup,
      now(),
    );
    input.c.header('cache-control', 'no-store');
    if (!input.query.code) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [{ path: 'query.code', rule: 'required' }],
      });
    }
    return input.c.json(
      await getPublicStatus(services(input.c), input.params.number, input.query.code),
    );
  });
  mount(routes, openQualityDataOperation, async (input) => {
    const data = await getOpenQualityData(services(input.c), {
      ...(input.query.period !== undefined ? { period: input.query.period } : {}),
      ...(input.query.region !== undefined ? { region: input.query.region } : {}),
    });
    input.c.header('cache-control', 'public, max-age=300');
    return input.c.json(data);
  });
  return routes;
}
