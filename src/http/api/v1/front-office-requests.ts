import { Hono } from 'hono';
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import {
  ElectronicRequestView,
  findElectronicRequest,
} from '../../../features/front-office/electronic-request.js';
import {
  SignedElectronicRequestResult,
  SignElectronicRequestInput,
  signElectronicRequest,
} from '../../../features/front-office/sign-electronic-request.js';
import type { AppEnv } from '../../app-env.js';
import { documentSigningContext } from '../../signing-context.js';
import { defineOperation, mount, principalOf } from './operation.js';
import { bodyKey, idempotencyHeader, keyOf } from './result-documents.js';
import { ErrorResponse } from './schemas.js';

const errors = {
  401: { description: 'No valid token or session', schema: ErrorResponse },
  403: { description: 'Not an operator of the front office that took it', schema: ErrorResponse },
  404: {
    description: 'No such application visible to the caller, or no electronic request',
    schema: ErrorResponse,
  },
  409: { description: 'Already signed, or a stale expectedVersion', schema: ErrorResponse },
  422: {
    description:
      'Invalid input, or the signature is not confirmed (signature_not_confirmed: «Не подтверждение подлинности ЭЦП», with the reason)',
    schema: ErrorResponse,
  },
} as const;

export const getFrontOfficeRequestOperation = defineOperation({
  method: 'get',
  path: '/api/v1/applications/:id/front-office-request',
  operationId: 'getFrontOfficeRequest',
  tag: 'Applications',
  summary: "Phase 1: the front office's electronic request to sign",
  description:
    'The electronic request prepared when the front office accepted the package (applicant, representative, service, documents with hashes, number): its canonical JSON bytes (base64) and their SHA-256 (hex and base64) that the operator signs with NCALayer, the regulation’s sign_request step and whether it waits now, and who signed it and when. Staff who may see the application (its front office and provider).',
  isPublic: false,
  params: z.object({ id: z.string() }).strict(),
  responses: {
    200: { description: 'The request', schema: ElectronicRequestView },
    401: errors[401],
    404: errors[404],
  },
});

export const signFrontOfficeRequestOperation = defineOperation({
  method: 'post',
  path: '/api/v1/applications/:id/front-office-request/sign',
  operationId: 'signFrontOfficeRequest',
  tag: 'Applications',
  summary: "Phase 2: the operator's ЭЦП over the electronic request",
  description:
    'By an operator of the front office that took the application: the CMS (detached CAdES-BES over the canonical bytes or their SHA-256, from NCALayer) is checked — chain, validity, CRL, signing key, the operator’s IIN and the front office’s BIN when it has one; a failure is 422 signature_not_confirmed and changes nothing. Then, in one transaction, the signature is stored with the request, the regulation’s sign_request step (when it waits) is completed, the verify_signature step after it is answered by the verification, and audit rows are written.',
  isPublic: false,
  params: z.object({ id: z.string() }).strict(),
  headers: [idempotencyHeader],
  body: SignElectronicRequestInput.omit({ applicationId: true, idempotencyKey: true }).extend({
    idempotencyKey: bodyKey,
  }),
  responses: {
    200: { description: 'Signed', schema: SignedElectronicRequestResult },
    ...errors,
  },
});

/** /api/v1/applications/:id/front-office-request: the operator's signed electronic request. */
export function frontOfficeRequestRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  mount(routes, getFrontOfficeRequestOperation, async (input) => {
    const request = await findElectronicRequest(
      input.c.get('deps').applications,
      principalOf(input),
      input.params.id,
    );
    if (!request) throw new DomainError(ErrorCode.notFound, { applicationId: input.params.id });
    return input.c.json(request);
  });
  mount(routes, signFrontOfficeRequestOperation, async (input) => {
    const { idempotencyKey, ...body } = input.body;
    return input.c.json(
      await signElectronicRequest(
        input.c.get('deps').applications,
        documentSigningContext(input.c),
        principalOf(input),
        { ...body, applicationId: input.params.id, idempotencyKey: keyOf(input.c, idempotencyKey) },
      ),
    );
  });
  return routes;
}
