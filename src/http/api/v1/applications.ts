import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import {
  commandKinds,
  commandTable,
  giveCommand,
  type CommandKind,
  type CommandRow,
} from '../../../features/command-table.js';
import {
  SubmitApplicationInput,
  submitParsedApplication,
} from '../../../features/applications/submit-application.js';
import { getApplicationView } from '../../../features/applications/get-application-view.js';
import {
  ApplicationSearchQuery,
  searchApplications,
} from '../../../features/applications/search-applications.js';
import type { AppEnv } from '../../app-env.js';
import { documentSigningContext } from '../../signing-context.js';
import { defineOperation, mount, principalOf } from './operation.js';
import {
  ApplicationPage,
  ApplicationView,
  CommandResult,
  ErrorResponse,
  SubmitResult,
} from './schemas.js';

const idempotencyHeader = {
  name: 'Idempotency-Key',
  description:
    'The command key (8–128 of A-Z a-z 0-9 . _ : -); instead of, or equal to, idempotencyKey in the body. A retry with the same key returns the first answer and changes nothing.',
};
const bodyKey = z
  .string()
  .optional()
  .describe('Client-chosen key; may come in the Idempotency-Key header instead');

/** The key from the header or the body; both given and different is a mistake. */
function idempotencyKeyOf(c: Context<AppEnv>, fromBody: string | undefined): string {
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
  404: { description: 'No such application visible to the caller', schema: ErrorResponse },
  422: { description: 'Invalid input, with every issue', schema: ErrorResponse },
} as const;

const ApplicationId = z.object({ id: z.string().describe('Application id (UUID)') }).strict();

export const submitOperation = defineOperation({
  method: 'post',
  path: '/api/v1/applications',
  operationId: 'submitApplication',
  tag: 'Applications',
  summary: 'Submit an application through a channel',
  description:
    'Provider office: by its registry office. Front office: by an operator of that front office. The regulation version in force in the provider’s region today is applied; in a sandbox installation, `asOf` (a past day) applies the version in force that day and runs the application on its own shifted clock (docs/sandbox.md), elsewhere `asOf` is refused (422, rule sandbox_only). The portal channel is not taken here (422, rule `portal_through_drafts`): a portal application is certified by the citizen with a one-time password, through `/api/v1/portal/drafts` exactly as on the portal’s pages.',
  isPublic: false,
  headers: [idempotencyHeader],
  body: SubmitApplicationInput.extend({ idempotencyKey: bodyKey }),
  responses: {
    201: { description: 'Submitted (or the first answer to this key)', schema: SubmitResult },
    ...errors,
  },
});

export const searchOperation = defineOperation({
  method: 'get',
  path: '/api/v1/applications',
  operationId: 'searchApplications',
  tag: 'Applications',
  summary: 'Search the applications of the caller’s organisation',
  description: 'Newest first, keyset paging. Staff only. Audited as a read of personal data.',
  isPublic: false,
  query: ApplicationSearchQuery,
  responses: { 200: { description: 'A page', schema: ApplicationPage }, ...errors },
});

export const getOperation = defineOperation({
  method: 'get',
  path: '/api/v1/applications/:id',
  operationId: 'getApplication',
  tag: 'Applications',
  summary: 'An application: state, allowed commands, history, due times',
  description:
    'Another organisation’s or another citizen’s application is answered 404. Audited as a read of personal data.',
  isPublic: false,
  params: ApplicationId,
  responses: { 200: { description: 'The application', schema: ApplicationView }, ...errors },
});

const omitted = { applicationId: true, idempotencyKey: true } as const;
/** The commands the API gives: the table's rows marked `api`, each with its input schema. */
const apiCommands = commandKinds
  .map((kind) => [kind, commandTable[kind] as CommandRow] as const)
  .filter(([, row]) => row.api)
  .map(([kind, row]) =>
    row.input.omit(omitted).extend({ kind: z.literal(kind), idempotencyKey: bodyKey }),
  );
export const CommandBody = z
  .discriminatedUnion('kind', apiCommands as [(typeof apiCommands)[number]])
  .describe(
    "A command: complete the current step, extend the term, suspend, resume, or decide an appeal (the provider's head)",
  );

export const commandOperation = defineOperation({
  method: 'post',
  path: '/api/v1/applications/:id/commands',
  operationId: 'giveCommand',
  tag: 'Applications',
  summary: 'Give a command to an application',
  description:
    'Allowed only to the role the regulation names at the current step, in the organisation that holds the application (after assignment, the appointed executor). A command that is not allowed in the current state is answered 409 with the current status, step, version and the allowed actions.',
  isPublic: false,
  params: ApplicationId,
  headers: [idempotencyHeader],
  body: CommandBody,
  responses: {
    200: { description: 'Done (or the first answer to this key)', schema: CommandResult },
    ...errors,
    409: {
      description: 'Not allowed in the current state, or a concurrent change',
      schema: ErrorResponse,
    },
  },
});

/** /api/v1/applications: submit, search, read, commands. */
export function applicationRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const services = (c: Context<AppEnv>) => c.get('deps').applications;

  mount(routes, submitOperation, async (input) => {
    const { idempotencyKey, ...body } = input.body;
    if (body.channel === 'portal') {
      // The portal's checks (the applicant in person, the one-time password over the reviewed
      // draft) live in one path, the portal's drafts; a bare submit would skip them.
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [{ path: 'body.channel', rule: 'portal_through_drafts' }],
      });
    }
    // The body was parsed with SubmitApplicationInput (extended by the key) by `mount`.
    const result = await submitParsedApplication(services(input.c), principalOf(input), {
      ...body,
      idempotencyKey: idempotencyKeyOf(input.c, idempotencyKey),
    });
    return input.c.json(result, 201);
  });

  mount(routes, searchOperation, async (input) =>
    input.c.json(await searchApplications(services(input.c), principalOf(input), input.query)),
  );

  mount(routes, getOperation, async (input) =>
    input.c.json(await getApplicationView(services(input.c), principalOf(input), input.params.id)),
  );

  mount(routes, commandOperation, async (input) => {
    const principal = principalOf(input);
    // Each member of CommandBody is a row's input with its `kind` and the optional key.
    const command = input.body as Readonly<Record<string, unknown>> & {
      readonly kind: CommandKind;
      readonly idempotencyKey?: string;
    };
    const envelope = {
      idempotencyKey: idempotencyKeyOf(input.c, command.idempotencyKey),
      applicationId: input.params.id,
    };
    const { kind, idempotencyKey: _key, ...rest } = command;
    const context = { signing: () => documentSigningContext(input.c) };
    return input.c.json(
      await giveCommand(kind, services(input.c), context, principal, { ...rest, ...envelope }),
    );
  });

  return routes;
}
