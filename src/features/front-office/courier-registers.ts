import { bilingualStaffName } from '../../domain/identity/staff-name.js';
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { EventActor } from '../../domain/application/ApplicationEvent.js';
import { applicationStatusLabels } from '../../domain/application/ApplicationStatus.js';
import { getFlow, getStep } from '../../domain/application/fold.js';
import {
  isReturnStep,
  RegisterMoment,
  RegisterStepActor,
  registerStepActor,
  stepsCompletedAt,
} from '../../domain/application/register-steps.js';
import { Channel } from '../../domain/regulation/Channel.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { ActorRole, StaffRole } from '../../domain/shared/roles.js';
import { DocumentKind } from '../../documents/templates.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  acknowledgeCourierRegisterRow,
  findCourierRegister,
  findCourierRegisterByKey,
  insertCourierRegister,
  listCourierRegisterItems,
  listCourierRegisters,
  listFrontOfficeApplicationRows,
  listRegisteredApplicationIds,
  nextFrontOfficeSequence,
  type CourierRegisterRow,
} from '../../storage/front-office.repository.js';
import type { ApplicationListRow } from '../../storage/application-query.repository.js';
import { ConcurrentAppendError } from '../../storage/application.repository.js';
import type { Tables } from '../../storage/schema.js';
import { findStaffAccount } from '../../storage/staff-account.repository.js';
import { getOrganisation, type ApplicationServices } from '../../engine/application-services.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { parseInput } from '../../engine/parse-input.js';
import { engineTargetOf, recordEvents } from '../../engine/record-events.js';
import {
  issueFrontOfficeDocument,
  requireFrontOfficeRole,
  type FrontOfficeContext,
  type FrontOfficeStaff,
} from './front-office-context.js';

export const RegisterDirection = z.enum(['to_provider', 'to_front_office']);
export type RegisterDirection = z.infer<typeof RegisterDirection>;

/** Packages of one provider that may go into a new register. */
export interface RegisterCandidates {
  readonly providerOrganisationId: string;
  readonly providerName: { kk: string; ru: string };
  readonly direction: RegisterDirection;
  readonly applications: ApplicationListRow[];
}

/**
 * What the courier may carry now, per provider: packages waiting at the courier's step of the
 * regulation and not yet in a register (to the provider), and signed results waiting at the
 * provider's `deliver_to_front_office` step and not yet in a return register (from the
 * provider; akimat-2015-232, Aktobe: the accumulation sector's "тізілімдеме").
 */
export async function listRegisterCandidates(
  services: ApplicationServices,
  staff: FrontOfficeStaff,
): Promise<RegisterCandidates[]> {
  requireFrontOfficeRole(staff, [StaffRole.courier, StaffRole.frontOfficeOperator]);
  const frontOfficeId = staff.principal.organisationId;
  const [outgoing, results] = await Promise.all([
    listFrontOfficeApplicationRows(
      services.db,
      { frontOfficeId, holderOrganisationId: frontOfficeId, currentActor: ActorRole.courier },
      500,
    ),
    listFrontOfficeApplicationRows(services.db, { frontOfficeId, statuses: ['result_ready'] }, 500),
  ]);
  const returning = results.filter((row) => {
    if (!row.currentStepId || row.holderOrganisationId === frontOfficeId) return false;
    const regulation = services.regulations.getById(row.regulationId);
    const flow = getFlow(regulation, Channel.parse(row.channel));
    return isReturnStep(getStep(flow, row.currentStepId));
  });
  const [sent, back] = await Promise.all([
    listRegisteredApplicationIds(
      services.db,
      'to_provider',
      outgoing.map((row) => row.id),
    ),
    listRegisteredApplicationIds(
      services.db,
      'to_front_office',
      returning.map((row) => row.id),
    ),
  ]);
  const groups = new Map<string, RegisterCandidates>();
  const add = (direction: RegisterDirection, row: ApplicationListRow) => {
    const key = `${direction}|${row.providerOrganisationId}`;
    const group = groups.get(key) ?? {
      providerOrganisationId: row.providerOrganisationId,
      providerName: { kk: row.providerOrganisationId, ru: row.providerOrganisationId },
      direction,
      applications: [],
    };
    group.applications.push(row);
    groups.set(key, group);
  };
  for (const row of outgoing) if (!sent.has(row.id)) add('to_provider', row);
  for (const row of returning) if (!back.has(row.id)) add('to_front_office', row);
  const result: RegisterCandidates[] = [];
  for (const group of groups.values()) {
    const provider = await getOrganisation(
      services,
      services.db,
      group.providerOrganisationId,
      'provider',
    );
    result.push({ ...group, providerName: { kk: provider.nameKk, ru: provider.nameRu } });
  }
  return result;
}

export const CreateRegisterInput = z
  .object({
    providerOrganisationId: z.string().min(1),
    direction: RegisterDirection,
    /** The courier's form key: a repeated post returns the register made the first time. */
    formKey: z
      .string()
      .regex(/^[A-Za-z0-9-]{8,64}$/)
      .optional(),
  })
  .strict();

/**
 * The courier groups the packages for one provider into a register (PDF) and hands them over,
 * or collects a provider's signed results into a return register. In ONE transaction with the
 * register and its audit row, the engine's steps the compilation completes are completed
 * (`stepsCompletedAt(compiled)`: a `compile_register` step followed by a separate delivery;
 * see register-steps.ts) — the delivery itself waits for the provider's acknowledgement, so
 * the provider cannot register a package before it arrives. Idempotent per form key.
 */
export async function createCourierRegister(
  context: FrontOfficeContext,
  staff: FrontOfficeStaff,
  rawInput: z.input<typeof CreateRegisterInput>,
): Promise<CourierRegisterRow> {
  const input = parseInput(CreateRegisterInput, rawInput);
  requireFrontOfficeRole(staff, [StaffRole.courier]);
  const { services } = context;
  const createdBy = staff.principal.staffId;
  if (input.formKey) {
    const earlier = await findCourierRegisterByKey(services.db, createdBy, input.formKey);
    if (earlier) return earlier;
  }
  const candidates = (await listRegisterCandidates(services, staff)).find(
    (group) =>
      group.providerOrganisationId === input.providerOrganisationId &&
      group.direction === input.direction,
  );
  if (!candidates || candidates.applications.length === 0) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'providerOrganisationId', rule: 'no_packages' }],
    });
  }
  const id = randomUUID();
  const frontOffice = await getOrganisation(
    services,
    services.db,
    staff.principal.organisationId,
    'frontOffice',
  );
  const sequence = await nextFrontOfficeSequence(services.db, 'courier_register');
  const now = services.now();
  const number = `CR-${now.getUTCFullYear()}-${String(sequence).padStart(6, '0')}`;
  const isOutgoing = input.direction === 'to_provider';
  // The signed PDF is issued first (its own record); the register and the steps follow together.
  const document = await issueFrontOfficeDocument(context, staff, {
    kind: DocumentKind.courierRegister,
    serviceCode: null,
    fields: {
      frontOffice: `${frontOffice.nameKk} / ${frontOffice.nameRu}`,
      provider: `${candidates.providerName.kk} / ${candidates.providerName.ru}`,
      courierName: `${bilingualStaffName({ fullName: staff.fullName, fullNameKk: staff.fullNameKk ?? staff.fullName })} (${number}${isOutgoing ? '' : ', қайтару / возврат'})`,
      packages: candidates.applications.map((row) => [
        row.number,
        services.regulations.getById(row.regulationId).name.ru,
        row.applicantIin,
        '1',
      ]),
    },
    access: {
      organisationId: frontOffice.id,
      fromOrganisationId: isOutgoing ? frontOffice.id : candidates.providerOrganisationId,
      toOrganisationId: isOutgoing ? candidates.providerOrganisationId : frontOffice.id,
    },
  });
  const register: CourierRegisterRow = {
    id,
    number,
    direction: input.direction,
    frontOfficeId: frontOffice.id,
    providerOrganisationId: candidates.providerOrganisationId,
    documentId: document.id,
    createdBy,
    createdAt: now,
    acknowledgedBy: null,
    acknowledgedAt: null,
  };
  const applicationIds = candidates.applications.map((row) => row.id);
  try {
    await services.db.transaction().execute(async (trx) => {
      await insertCourierRegister(trx, register, applicationIds, input.formKey);
      const moment = isOutgoing ? RegisterMoment.compiled : RegisterMoment.returned;
      const completed = await completeRegisterSteps(services, trx, register, moment, staff);
      await appendAudit(trx, {
        occurredAt: now,
        actor: { kind: 'staff', id: createdBy },
        action: 'courier_register.handed_over',
        subjectType: 'courier_register',
        subjectId: id,
        details: {
          number,
          direction: input.direction,
          providerOrganisationId: candidates.providerOrganisationId,
          applications: candidates.applications.map((row) => row.number),
          documentId: document.id,
          stepsCompleted: completed,
        },
      });
    });
  } catch (error) {
    // A parallel post with the same form key won: answer with its register.
    const earlier = input.formKey
      ? await findCourierRegisterByKey(services.db, createdBy, input.formKey)
      : undefined;
    if (earlier) return earlier;
    throw conflictOf(error);
  }
  return register;
}

/** Whether the staff member works at one of the register's two ends. */
function isParty(register: CourierRegisterRow, staff: FrontOfficeStaff): boolean {
  const organisation = staff.principal.organisationId;
  return (
    organisation === register.frontOfficeId || organisation === register.providerOrganisationId
  );
}

/** The receiving end: the provider's registry office, or the front office's operator. */
function isReceiver(register: CourierRegisterRow, staff: FrontOfficeStaff): boolean {
  const { organisationId, roles } = staff.principal;
  return register.direction === 'to_provider'
    ? organisationId === register.providerOrganisationId && roles.includes(StaffRole.registryOffice)
    : organisationId === register.frontOfficeId && roles.includes(StaffRole.frontOfficeOperator);
}

/** A register with its packages, for the staff at either end; anyone else: not found. */
export async function getCourierRegister(
  services: ApplicationServices,
  staff: FrontOfficeStaff,
  id: string,
) {
  const register = z.string().uuid().safeParse(id).success
    ? await findCourierRegister(services.db, id)
    : undefined;
  if (!register || !isParty(register, staff)) {
    throw new DomainError(ErrorCode.notFound, { courierRegister: id });
  }
  const ids = await listCourierRegisterItems(services.db, register.id);
  const items = [];
  for (const applicationId of ids) {
    const { record, state, regulation } = await getApplicationFor(
      services,
      { kind: 'system' },
      applicationId,
    );
    items.push({
      id: record.id,
      number: record.number,
      serviceName: regulation.name,
      applicantIin: record.applicantIin,
      statusLabel: applicationStatusLabels[state.status],
      /** The engine's due of the step the package waits at (none when the step has no term). */
      stepDueAt: state.stepDueAt !== undefined ? new Date(state.stepDueAt) : null,
    });
  }
  const [frontOffice, provider] = await Promise.all([
    getOrganisation(services, services.db, register.frontOfficeId, 'frontOffice'),
    getOrganisation(services, services.db, register.providerOrganisationId, 'provider'),
  ]);
  return {
    register,
    items,
    frontOfficeName: { kk: frontOffice.nameKk, ru: frontOffice.nameRu },
    providerName: { kk: provider.nameKk, ru: provider.nameRu },
    canAcknowledge: !register.acknowledgedAt && isReceiver(register, staff),
  };
}

/** The registers of the staff member's organisation (either end), newest first. */
export async function listCourierRegistersFor(
  services: ApplicationServices,
  staff: FrontOfficeStaff,
): Promise<CourierRegisterRow[]> {
  return listCourierRegisters(services.db, staff.principal.organisationId, 100);
}

/**
 * The receiving end acknowledges the register — the provider's registry office for packages,
 * the front office's operator for returned results — and, in ONE transaction with the
 * acknowledgement and its audit row, the engine's steps the arrival completes for every
 * application of the register (`stepsCompletedAt(delivered | received)`), recorded as the
 * regulation's actor (see register-steps.ts). A package no longer at those steps (suspended,
 * moved on) is left as it is and named in the audit row. A repeated acknowledgement by the
 * receiving end changes nothing (idempotent); anyone else: forbidden, or not found when the
 * register is not theirs.
 */
export async function acknowledgeCourierRegister(
  services: ApplicationServices,
  staff: FrontOfficeStaff,
  id: string,
): Promise<{ readonly completed: readonly string[] }> {
  const { register } = await getCourierRegister(services, staff, id);
  if (!isReceiver(register, staff)) {
    throw new DomainError(ErrorCode.forbidden, { reason: 'not_the_receiver' });
  }
  if (register.acknowledgedAt) return { completed: [] };
  const now = services.now();
  try {
    return await services.db.transaction().execute(async (trx) => {
      if (!(await acknowledgeCourierRegisterRow(trx, id, staff.principal.staffId, now))) {
        return { completed: [] };
      }
      const moment =
        register.direction === 'to_provider' ? RegisterMoment.delivered : RegisterMoment.received;
      const completed = await completeRegisterSteps(services, trx, register, moment, staff);
      await appendAudit(trx, {
        occurredAt: now,
        actor: { kind: 'staff', id: staff.principal.staffId },
        action: 'courier_register.acknowledged',
        subjectType: 'courier_register',
        subjectId: id,
        details: { number: register.number, direction: register.direction, ...completed },
      });
      return { completed: completed.stepsCompleted };
    });
  } catch (error) {
    throw conflictOf(error);
  }
}

/** A concurrent change of an application of the register: a retryable conflict. */
function conflictOf(error: unknown): unknown {
  return error instanceof ConcurrentAppendError
    ? new DomainError(ErrorCode.conflict, { reason: 'concurrent_change' }, error.message, true)
    : error;
}

/**
 * Completes, inside `trx`, the steps a register moment completes for each application of the
 * register, each as the engine's actor for it. Returns which were completed ("number:step")
 * and which applications were left (not at those steps).
 */
async function completeRegisterSteps(
  services: ApplicationServices,
  trx: Transaction<Tables>,
  register: CourierRegisterRow,
  moment: RegisterMoment,
  staff: FrontOfficeStaff,
): Promise<{ stepsCompleted: string[]; left: string[] }> {
  const stepsCompleted: string[] = [];
  const left: string[] = [];
  const courier = await findStaffAccount(trx, register.createdBy);
  const load = (applicationId: string) =>
    getApplicationFor(services, { kind: 'system' }, applicationId, trx);
  for (const applicationId of await listCourierRegisterItems(trx, register.id)) {
    let loaded = await load(applicationId);
    const { record } = loaded;
    const belongs =
      record.frontOfficeId === register.frontOfficeId &&
      record.providerOrganisationId === register.providerOrganisationId;
    const plan =
      belongs && loaded.state.suspendedSince === undefined
        ? stepsCompletedAt(
            moment,
            getFlow(loaded.regulation, loaded.state.channel),
            loaded.state.currentStepId,
          )
        : [];
    // Compiling completes a step only in some regulations; an arrival must complete one.
    const mustMove = moment === RegisterMoment.delivered || moment === RegisterMoment.received;
    if (plan.length === 0 && mustMove) left.push(record.number);
    for (const step of plan) {
      if (loaded.state.currentStepId !== step.id) break;
      const who = registerStepActor(step);
      const actor: EventActor =
        who === RegisterStepActor.courier && courier
          ? {
              kind: 'staff',
              userId: courier.id,
              role: StaffRole.courier,
              organisationId: courier.organisationId,
            }
          : who === RegisterStepActor.receiver
            ? {
                kind: 'staff',
                userId: staff.principal.staffId,
                role: StaffRole.frontOfficeOperator,
                organisationId: staff.principal.organisationId,
              }
            : { kind: 'system', process: 'courier-register' };
      await recordEvents(
        trx,
        engineTargetOf(loaded),
        actor,
        [
          {
            type: 'step_completed',
            stepId: step.id,
            note: `courier register ${register.number}`,
            documentIds:
              who === RegisterStepActor.courier && register.documentId ? [register.documentId] : [],
          },
        ],
        loaded.now,
      );
      stepsCompleted.push(`${record.number}:${step.id}`);
      loaded = await load(applicationId);
    }
  }
  return { stepsCompleted, left };
}
