import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import { getRequestCitizen } from '../../../features/api-tokens/find-request-principal.js';
import { attachDraftDocument } from '../../../features/portal/attach-draft-document.js';
import type { PortalCitizen } from '../../../features/portal/portal-citizen.js';
import { requestDraftCertification } from '../../../features/portal/request-draft-certification.js';
import { savePortalDraft } from '../../../features/portal/save-portal-draft.js';
import { submitPortalDraft } from '../../../features/portal/submit-portal-draft.js';
import { enforceRateLimit, rateLimitPolicies } from '../../../features/limits/rate-limit.js';
import type { AppEnv } from '../../app-env.js';
import { clientAddress } from '../../client-address.js';
import { sessionCookieName } from '../auth.js';
import { defineOperation, mount } from './operation.js';
import { ErrorResponse } from './schemas.js';

/*
 * The portal channel over the API is the portal's own path, step by step — a draft, its
 * files, the one-time password sent to the phone of the account for the draft's SHA-256,
 * and the submission that consumes it (features/portal/*, the same functions the portal's
 * pages call). The applicant is always the signed-in citizen: the portal takes no
 * representative (a representative applies at a front office, where the power of attorney
 * is checked in the notary registry).
 */

const errors = {
  401: { description: 'No citizen session', schema: ErrorResponse },
  403: {
    description: 'Not a citizen’s session (an API token or a staff session)',
    schema: ErrorResponse,
  },
  404: { description: 'No such draft of the signed-in citizen', schema: ErrorResponse },
  422: { description: 'Invalid input, with every issue', schema: ErrorResponse },
} as const;

const DraftId = z.object({ id: z.uuid().describe('Draft id (UUID)') }).strict();

const SaveDraftBody = z
  .object({
    draftId: z.uuid().optional().describe('The draft to update; a new draft without it'),
    regulationId: z.string().min(1).max(200).describe('The regulation version applied for'),
    providerOrganisationId: z.string().max(200).default('').describe('The provider chosen'),
    frontOfficeId: z
      .string()
      .max(200)
      .default('')
      .describe('The front office where the result is collected, when the service needs one'),
    fields: z.record(z.string().max(200), z.string().max(1000)).default({}),
    language: z.enum(['kk', 'ru']).default('ru').describe('The language of the form'),
  })
  .strict();

const DraftSaved = z
  .object({
    draftId: z.uuid(),
    issues: z
      .array(z.object({ path: z.string(), rule: z.string() }).loose())
      .describe('What still stops the draft from being certified; empty when it is ready'),
  })
  .strict();

const AttachBody = z
  .object({
    kind: z.string().min(1).max(100).describe('The regulation’s document id, or "other"'),
    fileName: z.string().min(1).max(255),
    contentBase64: z
      .string()
      .max(1_000_000)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/)
      .describe('The file (PDF, JPEG or PNG), base64; the /api/v1 body limit is 1 MiB'),
  })
  .strict();

const Attached = z
  .object({
    documentId: z.uuid(),
    sha256: z.string(),
    sizeBytes: z.number().int(),
    mediaType: z.string(),
  })
  .strict();

const CertificationRequested = z
  .object({
    challengeId: z.uuid(),
    maskedPhone: z.string(),
    expiresAt: z.iso.datetime(),
    digestSha256: z
      .string()
      .describe('SHA-256 of the draft as it will be certified: show it, then send it back'),
  })
  .strict();

const SubmitBody = z
  .object({
    challengeId: z.uuid(),
    code: z
      .string()
      .regex(/^\d{6}$/)
      .describe('The one-time password sent to the phone of the account'),
    digestSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe(
        'The digest the certification request answered: refused (409) if the draft changed',
      ),
  })
  .strict();

const Submitted = z
  .object({ applicationId: z.uuid(), number: z.string(), dueAt: z.iso.datetime() })
  .strict();

export const saveDraftOperation = defineOperation({
  method: 'post',
  path: '/api/v1/portal/drafts',
  operationId: 'savePortalDraft',
  tag: 'Portal',
  summary: 'Start or update the signed-in citizen’s portal draft',
  description:
    'The portal channel: the applicant is the signed-in citizen (session cookie). The draft is saved even with mistakes; `issues` lists what is left. Then attach the files, request the certification and submit with the one-time password.',
  isPublic: false,
  body: SaveDraftBody,
  responses: { 201: { description: 'Saved', schema: DraftSaved }, ...errors },
});

export const attachDocumentOperation = defineOperation({
  method: 'post',
  path: '/api/v1/portal/drafts/:id/documents',
  operationId: 'attachPortalDraftDocument',
  tag: 'Portal',
  summary: 'Attach a file to the draft',
  isPublic: false,
  params: DraftId,
  body: AttachBody,
  responses: {
    201: { description: 'Attached', schema: Attached },
    ...errors,
    409: { description: 'The draft is already submitted', schema: ErrorResponse },
  },
});

export const requestCertificationOperation = defineOperation({
  method: 'post',
  path: '/api/v1/portal/drafts/:id/certification',
  operationId: 'requestPortalDraftCertification',
  tag: 'Portal',
  summary: 'Send the one-time password that certifies the draft',
  description:
    'The code goes to the phone registered on the citizen’s account and certifies this draft only (standard-education-duplicates, point 8). Refused (422, with the issues) while the draft is incomplete. Rate-limited per address.',
  isPublic: false,
  params: DraftId,
  responses: {
    200: { description: 'The code was sent', schema: CertificationRequested },
    ...errors,
    409: { description: 'The draft is already submitted', schema: ErrorResponse },
    429: { description: 'Too many codes from this address', schema: ErrorResponse },
  },
});

export const submitDraftOperation = defineOperation({
  method: 'post',
  path: '/api/v1/portal/drafts/:id/submission',
  operationId: 'submitPortalDraft',
  tag: 'Portal',
  summary: 'Certify the draft with the one-time password and submit it',
  description:
    'A wrong or expired code is 401 with the attempts left and submits nothing. The submission records the certification (its id and the digest) in the application’s log.',
  isPublic: false,
  params: DraftId,
  body: SubmitBody,
  responses: {
    201: { description: 'Submitted', schema: Submitted },
    ...errors,
    409: {
      description: 'The draft changed since the certification request, or is already submitted',
      schema: ErrorResponse,
    },
    429: { description: 'Too many codes from this address', schema: ErrorResponse },
  },
});

function citizenOf(c: Context<AppEnv>): Promise<PortalCitizen> {
  const deps = c.get('deps');
  return getRequestCitizen(
    deps.applications.db,
    { authorization: c.req.header('authorization'), sessionToken: getCookie(c, sessionCookieName) },
    deps.now(),
  );
}

async function limitCodes(c: Context<AppEnv>): Promise<void> {
  const { database, now } = c.get('deps');
  // The same budget as the portal's pages: one per address for requests and answers.
  await enforceRateLimit(
    database.db,
    `portal-otp:${clientAddress(c)}`,
    rateLimitPolicies.oneTimePassword,
    now(),
  );
}

/** /api/v1/portal/drafts: the portal channel, through the portal's own use cases. */
export function portalDraftRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const services = (c: Context<AppEnv>) => c.get('deps').applications;

  mount(routes, saveDraftOperation, async (input) => {
    const citizen = await citizenOf(input.c);
    const result = await savePortalDraft(services(input.c), citizen, input.body);
    return input.c.json(result, 201);
  });

  mount(routes, attachDocumentOperation, async (input) => {
    const citizen = await citizenOf(input.c);
    const content = Buffer.from(input.body.contentBase64, 'base64');
    if (content.length === 0) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [{ path: 'body.contentBase64', rule: 'required' }],
      });
    }
    const result = await attachDraftDocument(services(input.c), citizen, {
      draftId: input.params.id,
      kind: input.body.kind,
      fileName: input.body.fileName,
      content,
    });
    return input.c.json(result, 201);
  });

  mount(routes, requestCertificationOperation, async (input) => {
    const citizen = await citizenOf(input.c);
    await limitCodes(input.c);
    const { sms } = input.c.get('deps');
    const issued = await requestDraftCertification(
      { ...services(input.c), sms: sms! },
      citizen,
      input.params.id,
    );
    return input.c.json({ ...issued, expiresAt: issued.expiresAt.toISOString() });
  });

  mount(routes, submitDraftOperation, async (input) => {
    const citizen = await citizenOf(input.c);
    await limitCodes(input.c);
    const result = await submitPortalDraft(services(input.c), citizen, {
      draftId: input.params.id,
      ...input.body,
    });
    return input.c.json(result, 201);
  });

  return routes;
}
