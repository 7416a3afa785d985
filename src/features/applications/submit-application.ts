import { randomUUID } from 'node:crypto';
import { factsKnownAtSubmission } from '../../domain/regulation/step-completers.js';
import { z } from 'zod';
import { AttachedDocument } from '../../domain/application/ApplicationEvent.js';
import { involvesFrontOffice, type ApplicationState } from '../../domain/application/fold.js';
import { validateApplicationForm } from '../../domain/application/validate-fields.js';
import {
  findInstantOfLocalDateTime,
  formatInstant,
  type WorkingTime,
} from '../../domain/calendar/index.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { Channel } from '../../domain/regulation/Channel.js';
import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import { DomainError, ErrorCode, type FieldIssue } from '../../domain/shared/domain-error.js';
import { StaffRole, type StaffRole as StaffRoleType } from '../../domain/shared/roles.js';
import { nextApplicationNumber } from '../../storage/application.repository.js';
import {
  cachedOrganisationRead,
  clockOf,
  type ApplicationServices,
} from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { recordEvents } from '../../engine/record-events.js';
import { runStatementCommand } from '../../engine/run-command.js';
import {
  hasFrontOfficeField,
  listFrontOffices,
  resolveFrontOfficeFields,
} from './front-office-choices.js';

const iin = z.string().regex(/^\d{12}$/, 'iin');

export const SubmitApplicationInput = z
  .object({
    idempotencyKey: z
      .string()
      .describe('Client-chosen key; a retry with it returns the first answer'),
    serviceCode: z.string().min(1).describe('Service code, e.g. duplicates'),
    channel: Channel,
    applicantIin: iin.describe('ИИН of the applicant (услугополучатель)'),
    representativeIin: iin
      .optional()
      .describe('ИИН of the representative under a power of attorney'),
    providerOrganisationId: z.string().min(1).describe('The provider (услугодатель) chosen'),
    frontOfficeId: z.string().min(1).optional().describe('The front office that accepts it'),
    fields: z.record(z.string(), z.string()).default({}),
    documents: z.array(AttachedDocument).max(50).default([]),
    asOf: z.iso
      .date()
      .optional()
      .describe(
        'Sandbox installations only (docs/sandbox.md): apply "as of" this past day (YYYY-MM-DD) under the version then in force; the application then runs on its own clock shifted to that day',
      ),
  })
  .strict();
export type SubmitApplicationInput = z.input<typeof SubmitApplicationInput>;

export interface SubmitApplicationResult {
  [key: string]: string | null;
  applicationId: string;
  number: string;
  regulationId: string;
  status: string;
  currentStepId: string | null;
  dueAt: string;
}

/** Which staff role accepts applications through each channel ("portal" needs the citizen). */
const intakeRole: Record<Exclude<Channel, 'portal'>, StaffRoleType> = {
  provider_office: StaffRole.registryOffice,
  front_office: StaffRole.frontOfficeOperator,
};

function refuse(issues: FieldIssue[]): never {
  throw new DomainError(ErrorCode.validationFailed, { issues });
}

/**
 * Submits an application through a channel: picks the regulation version in force in the
 * provider's region today, checks the channel, the provider's kind, the form (ФЛК) and who
 * submits, numbers the application, and records the submission with the automatic steps that
 * follow — with audit rows, the first notification and the idempotency receipt, as one
 * statement (atomic without a transaction).
 *
 * Submissions must already be authenticated and their signature (ЭЦП or one-time password)
 * verified by the caller: they enter the log with `credentials_valid` and `signature_valid`
 * answered yes (conditions 1 and 2 of the flows; akimat-2012-149 also checks the front-office and
 * office requests' signatures in the information system).
 */
export async function submitApplication(
  services: ApplicationServices,
  principal: Principal,
  rawInput: SubmitApplicationInput,
  verified: VerifiedSubmission = {},
): Promise<SubmitApplicationResult> {
  return submitParsedApplication(
    services,
    principal,
    parseInput(SubmitApplicationInput, rawInput),
    verified,
  );
}

/** What the caller of a submission has verified itself. */
export interface VerifiedSubmission {
  /** The applicant's certification the caller has checked (never taken from a client's body). */
  certification?: { method: 'otp'; id: string; digestSha256: string };
}

/**
 * {@link submitApplication} for an input its caller has already parsed with
 * `SubmitApplicationInput` (the JSON API parses its body with it): not parsed a second time.
 */
export async function submitParsedApplication(
  services: ApplicationServices,
  principal: Principal,
  input: z.infer<typeof SubmitApplicationInput>,
  verified: VerifiedSubmission = {},
): Promise<SubmitApplicationResult> {
  // The whole submission is one statement (application, log, notifications, audit, receipt).
  return runStatementCommand(
    services,
    principal,
    'submit_application',
    input,
    async (db, receiptOf) => {
      const realNow = services.now();
      const { clock, provider } = await clockOf(
        services,
        db,
        input.providerOrganisationId,
        input.frontOfficeId,
      );
      const { now, clockOffsetMs } = sandboxClock(services, clock.provider, input.asOf, realNow);
      const localDay = input.asOf ?? formatInstant(clock.provider, now.getTime()).slice(0, 10);
      const regulation = services.regulations.findInForce(
        input.serviceCode,
        provider.regionCode,
        localDay,
      );
      if (!regulation)
        refuse([
          {
            path: 'serviceCode',
            rule: 'no_regulation_in_force',
            params: { region: provider.regionCode },
          },
        ]);
      if (!(regulation.providerKinds as readonly string[]).includes(provider.kind)) {
        refuse([
          {
            path: 'providerOrganisationId',
            rule: 'provider_kind',
            params: { kind: provider.kind },
          },
        ]);
      }
      checkSubmitter(principal, input, regulation);
      // A front office field names one of the region's front offices (only those forms ask).
      const { values: fields, allowed } = hasFrontOfficeField(regulation)
        ? resolveFrontOfficeFields(
            regulation,
            input.fields,
            // The region's offices, as the organisation rows are, are reused for seconds.
            await cachedOrganisationRead(services, `front-offices:${provider.regionCode}`, () =>
              listFrontOffices(db, provider.regionCode),
            ),
          )
        : { values: input.fields, allowed: [] };
      const fieldIssues = validateApplicationForm(regulation, fields, localDay, allowed);
      if (fieldIssues.length > 0) refuse(fieldIssues);

      const id = randomUUID();
      const number = await nextApplicationNumber(db, db, Number(localDay.slice(0, 4)));
      const submitted = {
        type: 'submitted' as const,
        regulationId: regulation.id,
        channel: input.channel,
        applicantIin: input.applicantIin,
        ...(input.representativeIin ? { representativeIin: input.representativeIin } : {}),
        providerOrganisationId: provider.id,
        ...(input.frontOfficeId ? { frontOfficeId: input.frontOfficeId } : {}),
        fields,
        documents: input.documents,
        ...(verified.certification ? { certification: verified.certification } : {}),
        // Whoever submits is signed in and has signed the request (the citizen on the portal, the
        // operator or registry office with their ЭЦП): conditions 1 and 2 are answered yes here.
        facts: { ...factsKnownAtSubmission },
      };
      const actor =
        principal.kind === 'staff'
          ? {
              kind: 'staff' as const,
              userId: principal.staffId,
              role: intakeRole[input.channel as Exclude<Channel, 'portal'>],
              organisationId: principal.organisationId,
            }
          : {
              kind: 'citizen' as const,
              iin: principal.kind === 'citizen' ? principal.iin : input.applicantIin,
            };
      const responseOf = (state: ApplicationState): SubmitApplicationResult => ({
        applicationId: id,
        number,
        regulationId: regulation.id,
        status: state.status,
        currentStepId: state.currentStepId ?? null,
        dueAt: new Date(state.dueAt).toISOString(),
      });
      const state = await recordEvents(
        db,
        {
          id,
          number,
          regulation,
          clock,
          events: [],
          newApplication: {
            id,
            number,
            regulationId: regulation.id,
            serviceCode: regulation.service,
            regionCode: provider.regionCode,
            channel: input.channel,
            applicantIin: input.applicantIin,
            representativeIin: input.representativeIin ?? null,
            providerOrganisationId: provider.id,
            frontOfficeId: input.frontOfficeId ?? null,
            submittedAt: now,
            ...(clockOffsetMs !== undefined ? { clockOffsetMs } : {}),
          },
          ...(clockOffsetMs !== undefined ? { clockOffsetMs } : {}),
        },
        actor,
        [submitted],
        now,
        { receiptOf: (next) => receiptOf(id, responseOf(next)) },
      );
      return responseOf(state);
    },
  );
}

/**
 * The clock of a new application: the real one, or — "as of" a past day in a sandbox
 * installation (docs/sandbox.md) — the real local time of day carried to that day in the
 * provider's zone (with the zone's offset of that day: Kazakhstan was UTC+6 before 2024, so a
 * whole-day shift would put a late-evening submission on the next day), with the offset stored
 * on the application so that all its later steps, deadlines and watch jobs run on the same
 * shifted clock. An "as of" day outside a sandbox, or in the future, is refused.
 */
function sandboxClock(
  services: ApplicationServices,
  zone: WorkingTime,
  asOf: string | undefined,
  realNow: Date,
): { now: Date; clockOffsetMs?: number } {
  if (asOf === undefined) return { now: realNow };
  if (!services.sandbox) refuse([{ path: 'asOf', rule: 'sandbox_only' }]);
  const local = formatInstant(zone, realNow.getTime());
  const today = local.slice(0, 10);
  if (asOf > today) refuse([{ path: 'asOf', rule: 'not_after_today', params: { today } }]);
  const timeOfDay = local.slice(11, -6);
  const shifted =
    findInstantOfLocalDateTime(zone, `${asOf}T${timeOfDay}`) ??
    realNow.getTime() + Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  const clockOffsetMs = shifted - realNow.getTime();
  return { now: new Date(shifted), clockOffsetMs };
}

function checkSubmitter(
  principal: Principal,
  input: z.infer<typeof SubmitApplicationInput>,
  regulation: RegulationDefinition,
): void {
  if (!regulation.channels.some((flow) => flow.channel === input.channel)) {
    refuse([{ path: 'channel', rule: 'channel_not_offered', params: { channel: input.channel } }]);
  }
  const flow = regulation.channels.find((candidate) => candidate.channel === input.channel)!;
  if (involvesFrontOffice(flow) && !input.frontOfficeId) {
    // e.g. national duplicates (002): a portal request's result is issued at the front office.
    refuse([{ path: 'frontOfficeId', rule: 'required' }]);
  }
  if (input.channel === 'portal') {
    const isOwn =
      principal.kind === 'citizen' &&
      (input.representativeIin
        ? principal.iin === input.representativeIin
        : principal.iin === input.applicantIin);
    if (!isOwn)
      throw new DomainError(ErrorCode.forbidden, {
        reason: 'portal_applications_are_made_by_the_applicant',
      });
    return;
  }
  const role = intakeRole[input.channel];
  const organisation =
    input.channel === 'front_office' ? input.frontOfficeId : input.providerOrganisationId;
  if (input.channel === 'front_office' && !input.frontOfficeId)
    refuse([{ path: 'frontOfficeId', rule: 'required' }]);
  const isAllowed =
    principal.kind === 'staff' &&
    principal.roles.includes(role) &&
    principal.organisationId === organisation;
  if (!isAllowed)
    throw new DomainError(ErrorCode.forbidden, { reason: 'intake_by_other_role_or_organisation' });
}
