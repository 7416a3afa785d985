import { frontOfficeKind } from '../../domain/shared/organisation-kind.js';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { LocalizedText } from '../../domain/shared/locale.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  findHomeVisit,
  insertHomeVisit,
  listStaffWithRole,
  nextFrontOfficeSequence,
  updateHomeVisitRow,
  type HomeVisitRow,
} from '../../storage/front-office.repository.js';
import { listOrganisations } from '../../storage/organisation.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { requireFrontOfficeRole, type FrontOfficeStaff } from './front-office-context.js';

/** What the public page offers: the front offices and the services. */
export async function homeVisitChoices(services: ApplicationServices): Promise<{
  frontOffices: { id: string; name: { kk: string; ru: string } }[];
  services: { code: string; name: LocalizedText }[];
}> {
  const offices = await listOrganisations(services.db, { kind: frontOfficeKind });
  const byService = new Map<string, LocalizedText>();
  for (const regulation of services.regulations.all)
    if (regulation.channels.some((flow) => flow.channel === 'front_office'))
      byService.set(regulation.service, regulation.name as LocalizedText);
  return {
    frontOffices: offices.map((office) => ({
      id: office.id,
      name: { kk: office.nameKk, ru: office.nameRu },
    })),
    services: [...byService]
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

export const HomeVisitRequestInput = z
  .object({
    frontOfficeId: z.string().min(1),
    serviceCode: z.string().min(1),
    fullName: z.string().trim().min(3).max(200),
    phone: z
      .string()
      .trim()
      .transform((value) => value.replace(/[\s()-]/g, ''))
      .pipe(z.string().regex(/^\+?\d{10,15}$/, 'phone')),
    address: z.string().trim().min(5).max(500),
    reason: z.string().trim().min(5).max(1000),
  })
  .strict();
export type HomeVisitRequestInput = z.input<typeof HomeVisitRequestInput>;

/**
 * A home visit requested for someone who cannot come to the front office (the contact
 * centre's path of the sources: "выезд работника … к услугополучателю … по обращению через
 * Единый контакт-центр"). Anyone may ask, without signing in; stored and audited.
 */
export async function requestHomeVisit(
  services: ApplicationServices,
  rawInput: HomeVisitRequestInput,
): Promise<{ id: string; number: string }> {
  const input = parseInput(HomeVisitRequestInput, rawInput);
  const choices = await homeVisitChoices(services);
  const issues = [];
  if (!choices.frontOffices.some((office) => office.id === input.frontOfficeId))
    issues.push({ path: 'frontOfficeId', rule: 'unknown_organisation' });
  if (!choices.services.some((service) => service.code === input.serviceCode))
    issues.push({ path: 'serviceCode', rule: 'unknown_service' });
  if (issues.length > 0) throw new DomainError(ErrorCode.validationFailed, { issues });
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    const sequence = await nextFrontOfficeSequence(trx, 'home_visit');
    const row: HomeVisitRow = {
      id: randomUUID(),
      number: `HV-${now.getUTCFullYear()}-${String(sequence).padStart(6, '0')}`,
      frontOfficeId: input.frontOfficeId,
      serviceCode: input.serviceCode,
      fullName: input.fullName,
      phone: input.phone,
      address: input.address,
      reason: input.reason,
      status: 'new',
      assignedTo: null,
      createdAt: now,
      updatedAt: now,
    };
    await insertHomeVisit(trx, row);
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'anonymous' },
      action: 'home_visit.requested',
      subjectType: 'home_visit_request',
      subjectId: row.id,
      details: { number: row.number, frontOfficeId: row.frontOfficeId, service: row.serviceCode },
    });
    return { id: row.id, number: row.number };
  });
}

export const HomeVisitStatus = z.enum(['new', 'assigned', 'visited', 'cancelled']);

export const UpdateHomeVisitInput = z
  .object({
    id: z.string().uuid(),
    status: HomeVisitStatus,
    assignedTo: z.string().min(1).optional(),
  })
  .strict();

/** The employees a visit may be assigned to: the front office's operators and couriers. */
export async function listVisitStaff(services: ApplicationServices, frontOfficeId: string) {
  const [operators, couriers] = await Promise.all([
    listStaffWithRole(services.db, frontOfficeId, StaffRole.frontOfficeOperator),
    listStaffWithRole(services.db, frontOfficeId, StaffRole.courier),
  ]);
  return [...operators, ...couriers];
}

/**
 * The front office's operator assigns a home visit to an employee and records how it went.
 * Another front office's request is not found. Audited.
 */
export async function updateHomeVisit(
  services: ApplicationServices,
  staff: FrontOfficeStaff,
  rawInput: z.input<typeof UpdateHomeVisitInput>,
): Promise<void> {
  requireFrontOfficeRole(staff);
  const input = parseInput(UpdateHomeVisitInput, rawInput);
  const visit = await findHomeVisit(services.db, input.id);
  if (!visit || visit.frontOfficeId !== staff.principal.organisationId)
    throw new DomainError(ErrorCode.notFound, { homeVisit: input.id });
  const staffHere = await listVisitStaff(services, visit.frontOfficeId);
  if (input.assignedTo && !staffHere.some((member) => member.id === input.assignedTo)) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'assignedTo', rule: 'staff_of_front_office' }],
    });
  }
  if (input.status === 'assigned' && !input.assignedTo) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'assignedTo', rule: 'required' }],
    });
  }
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await updateHomeVisitRow(trx, visit.id, {
      status: input.status,
      assignedTo: input.assignedTo ?? visit.assignedTo,
      updatedAt: now,
    });
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: staff.principal.staffId },
      action: 'home_visit.updated',
      subjectType: 'home_visit_request',
      subjectId: visit.id,
      details: { number: visit.number, status: input.status, assignedTo: input.assignedTo ?? null },
    });
  });
}
