import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { applicationStatusLabels } from '../../domain/application/ApplicationStatus.js';
import { getFlow, getStep } from '../../domain/application/fold.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { DocumentKind } from '../../documents/templates.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  acknowledgeCourierRegisterRow,
  findCourierRegister,
  insertCourierRegister,
  listCourierRegisterItems,
  listCourierRegisters,
  listFrontOfficeApplicationRows,
  listRegisteredApplicationIds,
  nextFrontOfficeSequence,
  type CourierRegisterRow,
} from '../../storage/front-office.repository.js';
import type { ApplicationListRow } from '../../storage/application-query.repository.js';
import { getOrganisation, type ApplicationServices } from '../applications/application-services.js';
import { completeStep } from '../applications/complete-step.js';
import { getApplicationFor } from '../applications/load-application.js';
import { parseInput } from '../applications/parse-input.js';
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
 * What the courier may carry now, per provider: packages at the courier's step not yet in a
 * register (to the provider), and results returned to the front office not yet in a return
 * register (from the provider; seed 001, Aktobe: the accumulation sector's "тізілімдеме").
 */
export async function listRegisterCandidates(
  services: ApplicationServices,
  staff: FrontOfficeStaff,
): Promise<RegisterCandidates[]> {
  requireFrontOfficeRole(staff, [StaffRole.courier, StaffRole.frontOfficeOperator]);
  const frontOfficeId = staff.principal.organisationId;
  const [outgoing, returned] = await Promise.all([
    listFrontOfficeApplicationRows(
      services.db,
      { frontOfficeId, holderOrganisationId: frontOfficeId, currentActor: 'courier' },
      500,
    ),
    listFrontOfficeApplicationRows(
      services.db,
      {
        frontOfficeId,
        holderOrganisationId: frontOfficeId,
        currentActor: 'front_office_operator',
        statuses: ['result_ready', 'in_work'],
      },
      500,
    ),
  ]);
  const [sent, back] = await Promise.all([
    listRegisteredApplicationIds(
      services.db,
      'to_provider',
      outgoing.map((row) => row.id),
    ),
    listRegisteredApplicationIds(
      services.db,
      'to_front_office',
      returned.map((row) => row.id),
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
  for (const row of returned)
    if (!back.has(row.id) && row.currentStepId?.includes('issue')) add('to_front_office', row);
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
  })
  .strict();

/**
 * The courier groups the packages for one provider into a register (PDF) and hands them over:
 * the engine's courier step of each package is completed (e.g. seed 004, annex 1, point 6,
 * item 4, "через курьерскую … связь, 1 день"). A return register lists the results brought
 * back from the provider (their delivery step was the provider's). The register's PDF names
 * the front office and the provider, whose staff may download it.
 */
export async function createCourierRegister(
  context: FrontOfficeContext,
  staff: FrontOfficeStaff,
  rawInput: z.input<typeof CreateRegisterInput>,
): Promise<CourierRegisterRow> {
  const input = parseInput(CreateRegisterInput, rawInput);
  requireFrontOfficeRole(staff, [StaffRole.courier]);
  const { services } = context;
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
  if (input.direction === 'to_provider') {
    for (const row of candidates.applications) {
      const { state, regulation } = await getApplicationFor(services, staff.principal, row.id);
      if (!state.currentStepId) continue;
      const step = getStep(getFlow(regulation, state.channel), state.currentStepId);
      if (step.actor !== 'courier') continue;
      await completeStep(services, staff.principal, {
        idempotencyKey: `fo:register:${id}:${row.id}`,
        applicationId: row.id,
        stepId: step.id,
        expectedVersion: state.version,
        ...(step.decide ? { answer: true } : {}),
        note: 'courier register',
      });
    }
  }
  const frontOffice = await getOrganisation(
    services,
    services.db,
    staff.principal.organisationId,
    'frontOffice',
  );
  const sequence = await nextFrontOfficeSequence(services.db, 'courier_register');
  const now = services.now();
  const number = `CR-${now.getUTCFullYear()}-${String(sequence).padStart(6, '0')}`;
  const from = input.direction === 'to_provider' ? frontOffice : undefined;
  const document = await issueFrontOfficeDocument(context, staff, {
    kind: DocumentKind.courierRegister,
    serviceCode: null,
    fields: {
      frontOffice: `${frontOffice.nameKk} / ${frontOffice.nameRu}`,
      provider: `${candidates.providerName.kk} / ${candidates.providerName.ru}`,
      courierName: `${staff.fullName} (${number}${from ? '' : ', қайтару / возврат'})`,
      packages: candidates.applications.map((row) => [
        row.number,
        services.regulations.getById(row.regulationId).name.ru,
        row.applicantIin,
        '1',
      ]),
    },
    access: {
      organisationId: frontOffice.id,
      fromOrganisationId:
        input.direction === 'to_provider' ? frontOffice.id : candidates.providerOrganisationId,
      toOrganisationId:
        input.direction === 'to_provider' ? candidates.providerOrganisationId : frontOffice.id,
    },
  });
  const register: CourierRegisterRow = {
    id,
    number,
    direction: input.direction,
    frontOfficeId: frontOffice.id,
    providerOrganisationId: candidates.providerOrganisationId,
    documentId: document.id,
    createdBy: staff.principal.staffId,
    createdAt: now,
    acknowledgedBy: null,
    acknowledgedAt: null,
  };
  await services.db.transaction().execute(async (trx) => {
    await insertCourierRegister(
      trx,
      register,
      candidates.applications.map((row) => row.id),
    );
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: staff.principal.staffId },
      action: 'courier_register.handed_over',
      subjectType: 'courier_register',
      subjectId: id,
      details: {
        number,
        direction: input.direction,
        providerOrganisationId: candidates.providerOrganisationId,
        applications: candidates.applications.map((row) => row.number),
        documentId: document.id,
      },
    });
  });
  return register;
}

/** Whether the staff member works at one of the register's two ends. */
function isParty(register: CourierRegisterRow, staff: FrontOfficeStaff): boolean {
  const organisation = staff.principal.organisationId;
  return (
    organisation === register.frontOfficeId || organisation === register.providerOrganisationId
  );
}

/** Who acknowledges: the provider's registry office, or the front office's operator. */
function mayAcknowledge(register: CourierRegisterRow, staff: FrontOfficeStaff): boolean {
  if (register.acknowledgedAt) return false;
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
    canAcknowledge: mayAcknowledge(register, staff),
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
 * The receiving end acknowledges the register: the provider's registry office for packages,
 * the front office's operator for returned results. Audited; a second acknowledgement is a
 * conflict.
 */
export async function acknowledgeCourierRegister(
  services: ApplicationServices,
  staff: FrontOfficeStaff,
  id: string,
): Promise<void> {
  const { register } = await getCourierRegister(services, staff, id);
  if (!mayAcknowledge(register, staff)) {
    throw new DomainError(register.acknowledgedAt ? ErrorCode.conflict : ErrorCode.forbidden, {
      reason: register.acknowledgedAt ? 'already_acknowledged' : 'not_the_receiver',
    });
  }
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    if (!(await acknowledgeCourierRegisterRow(trx, id, staff.principal.staffId, now))) {
      throw new DomainError(ErrorCode.conflict, { reason: 'already_acknowledged' });
    }
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: staff.principal.staffId },
      action: 'courier_register.acknowledged',
      subjectType: 'courier_register',
      subjectId: id,
      details: { number: register.number, direction: register.direction },
    });
  });
}
