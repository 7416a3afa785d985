import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import {
  PrepareDocumentInput,
  PreparedDocumentResult,
  prepareResultDocument,
} from '../../../features/documents/prepare-result-document.js';
import {
  SignDocumentInput,
  SignedDocumentResult,
  signPreparedDocument,
} from '../../../features/documents/sign-prepared-document.js';
import type { AppEnv } from '../../app-env.js';
import { documentSigningContext } from '../../signing-context.js';
import { defineOperation, mount, principalOf } from './operation.js';
import { ErrorResponse } from './schemas.js';

/** The Idempotency-Key header of the signing commands (also front-office-requests.ts). */
export const idempotencyHeader = {
  name: 'Idempotency-Key',
  description:
    'The command key (8–128 of A-Z a-z 0-9 . _ : -); instead of, or equal to, idempotencyKey in the body.',
};
export const bodyKey = z
  .string()
  .optional()
  .describe('Client-chosen key; or the Idempotency-Key header');

/** The command key: the header, the body's idempotencyKey, or both when equal. */
export function keyOf(c: Context<AppEnv>, fromBody: string | undefined): string {
  const fromHeader = c.req.header('idempotency-key');
  if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'idempotencyKey', rule: 'differs_from_header' }],
    });
  }
  return fromHeader ?? fromBody ?? '';
}

const errors = {
  401: { description: 'No valid token or session', schema: ErrorResponse },
  403: { description: 'The role or organisation may not do this', schema: ErrorResponse },
  404: {
    description: 'No such application (or draft) visible to the caller',
    schema: ErrorResponse,
  },
  409: {
    description: 'Not allowed in the current state (with the allowed actions)',
    schema: ErrorResponse,
  },
  422: { description: 'Invalid input, or the signature is not confirmed', schema: ErrorResponse },
} as const;

export const prepareDocumentOperation = defineOperation({
  method: 'post',
  path: '/api/v1/applications/:id/documents/prepare',
  operationId: 'prepareResultDocument',
  tag: 'Applications',
  summary: 'Phase 1: the executor drafts the result or reasoned refusal',
  description:
    "By the appointed executor at the review (or drafting) step: renders the template's PDF (number and document id reserved, QR code to /verify/<documentId>), stores the draft and completes the executor's step. Returns the draft id and the PDF's SHA-256 (hex and base64) that the head signs.",
  isPublic: false,
  params: z.object({ id: z.string() }).strict(),
  headers: [idempotencyHeader],
  body: PrepareDocumentInput.omit({ applicationId: true, idempotencyKey: true }).extend({
    idempotencyKey: bodyKey,
  }),
  responses: { 200: { description: 'The draft', schema: PreparedDocumentResult }, ...errors },
});

export const signDocumentOperation = defineOperation({
  method: 'post',
  path: '/api/v1/applications/:id/documents/:draftId/sign',
  operationId: 'signResultDocument',
  tag: 'Applications',
  summary: "Phase 2: the head's CMS over the draft; the document is issued",
  description:
    "By the provider's head named in the draft, at the signing step: the CMS (detached CAdES-BES over the PDF or its SHA-256, from NCALayer) is checked — chain, validity, CRL, the head's IIN and the provider's BIN; a failure is 422 signature_not_confirmed and stores nothing. Then the immutable document is stored and the signing step completed with it.",
  isPublic: false,
  params: z.object({ id: z.string(), draftId: z.string() }).strict(),
  headers: [idempotencyHeader],
  body: SignDocumentInput.omit({
    applicationId: true,
    idempotencyKey: true,
    draftId: true,
  }).extend({ idempotencyKey: bodyKey }),
  responses: {
    200: { description: 'The issued document', schema: SignedDocumentResult },
    ...errors,
  },
});

/** /api/v1/applications/:id/documents: the two phases of signing a result. */
export function resultDocumentRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  mount(routes, prepareDocumentOperation, async (input) => {
    const { idempotencyKey, ...body } = input.body;
    return input.c.json(
      await prepareResultDocument(
        input.c.get('deps').applications,
        documentSigningContext(input.c),
        principalOf(input),
        { ...body, applicationId: input.params.id, idempotencyKey: keyOf(input.c, idempotencyKey) },
      ),
    );
  });
  mount(routes, signDocumentOperation, async (input) => {
    const { idempotencyKey, ...body } = input.body;
    return input.c.json(
      await signPreparedDocument(
        input.c.get('deps').applications,
        documentSigningContext(input.c),
        principalOf(input),
        {
          ...body,
          applicationId: input.params.id,
          draftId: input.params.draftId,
          idempotencyKey: keyOf(input.c, idempotencyKey),
        },
      ),
    );
  });
  return routes;
}
