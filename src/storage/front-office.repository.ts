import { sql, type Selectable, type Transaction } from 'kysely';
import {
  applicationListColumns,
  toListRow,
  type ApplicationListRow,
} from './application-query.repository.js';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** Which applications of a front office to list; every filter optional, combined with AND. */
export interface FrontOfficeApplicationFilter {
  frontOfficeId: string;
  submittedFrom?: Date;
  submittedBefore?: Date;
  /** Held by this organisation now. */
  holderOrganisationId?: string;
  currentActor?: string;
  statuses?: readonly string[];
}

/** Applications accepted at (or returned to) a front office, most urgent first. */
export async function listFrontOfficeApplicationRows(
  db: Executor,
  filter: FrontOfficeApplicationFilter,
  limit: number,
): Promise<ApplicationListRow[]> {
  let query = db
    .selectFrom('application')
    .select(applicationListColumns)
    .where('front_office_id', '=', filter.frontOfficeId);
  if (filter.submittedFrom) query = query.where('submitted_at', '>=', filter.submittedFrom);
  if (filter.submittedBefore) query = query.where('submitted_at', '<', filter.submittedBefore);
  if (filter.holderOrganisationId)
    query = query.where('holder_organisation_id', '=', filter.holderOrganisationId);
  if (filter.currentActor) query = query.where('current_actor', '=', filter.currentActor);
  if (filter.statuses && filter.statuses.length > 0)
    query = query.where('status', 'in', [...filter.statuses]);
  const rows = await query
    .orderBy(sql`coalesce(step_due_at, due_at)`)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toListRow);
}

/** The next number of a courier register or home visit (per kind, never reused). */
export async function nextFrontOfficeSequence(
  db: Executor,
  kind: 'courier_register' | 'home_visit',
): Promise<number> {
  const sequence =
    kind === 'courier_register' ? 'courier_register_number_seq' : 'home_visit_number_seq';
  // The name is one of two constants, never user input.
  const row = await sql<{
    value: string | number;
  }>`select nextval(${sql.lit(sequence)}::regclass) as value`.execute(db);
  return Number(row.rows[0]!.value);
}

export interface CourierRegisterRow {
  id: string;
  number: string;
  direction: 'to_provider' | 'to_front_office';
  frontOfficeId: string;
  providerOrganisationId: string;
  documentId: string | null;
  createdBy: string;
  createdAt: Date;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
}

function toRegister(row: Selectable<Tables['courier_register']>): CourierRegisterRow {
  return {
    id: row.id,
    number: row.number,
    direction: row.direction,
    frontOfficeId: row.front_office_id,
    providerOrganisationId: row.provider_organisation_id,
    documentId: row.document_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at,
  };
}

/** Stores a register with its packages. */
export async function insertCourierRegister(
  trx: Executor,
  register: Omit<CourierRegisterRow, 'acknowledgedBy' | 'acknowledgedAt'>,
  applicationIds: readonly string[],
  idempotencyKey?: string,
): Promise<void> {
  await trx
    .insertInto('courier_register')
    .values({
      id: register.id,
      number: register.number,
      direction: register.direction,
      front_office_id: register.frontOfficeId,
      provider_organisation_id: register.providerOrganisationId,
      document_id: register.documentId,
      created_by: register.createdBy,
      created_at: register.createdAt,
      idempotency_key: idempotencyKey ?? null,
    })
    .execute();
  if (applicationIds.length > 0) {
    await trx
      .insertInto('courier_register_item')
      .values(applicationIds.map((id) => ({ register_id: register.id, application_id: id })))
      .execute();
  }
}

/** Sets the PDF of a register once it is issued. */
export async function setCourierRegisterDocument(
  trx: Executor,
  registerId: string,
  documentId: string,
): Promise<void> {
  await trx
    .updateTable('courier_register')
    .set({ document_id: documentId })
    .where('id', '=', registerId)
    .execute();
}

export async function findCourierRegister(
  db: Executor,
  id: string,
): Promise<CourierRegisterRow | undefined> {
  const row = await db
    .selectFrom('courier_register')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRegister(row);
}

/** The register a staff member created under a form key, if any. */
export async function findCourierRegisterByKey(
  db: Executor,
  createdBy: string,
  idempotencyKey: string,
): Promise<CourierRegisterRow | undefined> {
  const row = await db
    .selectFrom('courier_register')
    .selectAll()
    .where('created_by', '=', createdBy)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row && toRegister(row);
}

/** Registers a front office sent or received, or a provider's, newest first. */
export async function listCourierRegisters(
  db: Executor,
  organisationId: string,
  limit: number,
): Promise<CourierRegisterRow[]> {
  const rows = await db
    .selectFrom('courier_register')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('front_office_id', '=', organisationId),
        eb('provider_organisation_id', '=', organisationId),
      ]),
    )
    .orderBy('created_at', 'desc')
    .orderBy('number', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRegister);
}

/** The application ids of a register. */
export async function listCourierRegisterItems(
  db: Executor,
  registerId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('courier_register_item')
    .select('application_id')
    .where('register_id', '=', registerId)
    .execute();
  return rows.map((row) => row.application_id);
}

/** Which of `applicationIds` already travel in a register of `direction`. */
export async function listRegisteredApplicationIds(
  db: Executor,
  direction: 'to_provider' | 'to_front_office',
  applicationIds: readonly string[],
): Promise<Set<string>> {
  if (applicationIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('courier_register_item')
    .innerJoin('courier_register', 'courier_register.id', 'courier_register_item.register_id')
    .select('courier_register_item.application_id')
    .where('courier_register.direction', '=', direction)
    .where('courier_register_item.application_id', 'in', [...applicationIds])
    .execute();
  return new Set(rows.map((row) => row.application_id));
}

/** Marks a register acknowledged; false when it already was. */
export async function acknowledgeCourierRegisterRow(
  trx: Executor,
  id: string,
  staffId: string,
  at: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('courier_register')
    .set({ acknowledged_by: staffId, acknowledged_at: at })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ResultRequestRow {
  id: string;
  applicationId: string;
  frontOfficeId: string;
  providerOrganisationId: string | null;
  requestedBy: string;
  requestedAt: Date;
  dueAt: Date;
  sentBy: string | null;
  sentAt: Date | null;
}

export async function insertResultRequest(
  trx: Executor,
  row: Omit<ResultRequestRow, 'sentBy' | 'sentAt'>,
): Promise<void> {
  await trx
    .insertInto('result_request')
    .values({
      id: row.id,
      application_id: row.applicationId,
      front_office_id: row.frontOfficeId,
      provider_organisation_id: row.providerOrganisationId,
      requested_by: row.requestedBy,
      requested_at: row.requestedAt,
      due_at: row.dueAt,
    })
    .execute();
}

function toResultRequest(row: Selectable<Tables['result_request']>): ResultRequestRow {
  return {
    id: row.id,
    applicationId: row.application_id,
    frontOfficeId: row.front_office_id,
    providerOrganisationId: row.provider_organisation_id,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    dueAt: row.due_at,
    sentBy: row.sent_by,
    sentAt: row.sent_at,
  };
}

/** The requests for handed-back results of a front office, newest first. */
export async function listResultRequests(
  db: Executor,
  frontOfficeId: string,
): Promise<ResultRequestRow[]> {
  const rows = await db
    .selectFrom('result_request')
    .selectAll()
    .where('front_office_id', '=', frontOfficeId)
    .orderBy('requested_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(toResultRequest);
}

/** The requests addressed to a provider: open ones first, by due, then the sent ones. */
export async function listProviderResultRequests(
  db: Executor,
  providerOrganisationId: string,
  limit: number,
): Promise<ResultRequestRow[]> {
  const rows = await db
    .selectFrom('result_request')
    .selectAll()
    .where('provider_organisation_id', '=', providerOrganisationId)
    .orderBy(sql`sent_at is not null`)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toResultRequest);
}

export async function findResultRequest(
  db: Executor,
  id: string,
): Promise<ResultRequestRow | undefined> {
  const row = await db
    .selectFrom('result_request')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toResultRequest(row);
}

/** Marks a request sent; false when it already was. */
export async function markResultRequestSentRow(
  trx: Executor,
  id: string,
  staffId: string,
  at: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('result_request')
    .set({ sent_by: staffId, sent_at: at })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type HomeVisitStatus = Tables['home_visit_request']['status'];

export interface HomeVisitRow {
  id: string;
  number: string;
  frontOfficeId: string;
  serviceCode: string;
  fullName: string;
  phone: string;
  address: string;
  reason: string;
  status: HomeVisitStatus;
  assignedTo: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function toHomeVisit(row: Selectable<Tables['home_visit_request']>): HomeVisitRow {
  return {
    id: row.id,
    number: row.number,
    frontOfficeId: row.front_office_id,
    serviceCode: row.service_code,
    fullName: row.full_name,
    phone: row.phone,
    address: row.address,
    reason: row.reason,
    status: row.status,
    assignedTo: row.assigned_to,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertHomeVisit(trx: Executor, row: HomeVisitRow): Promise<void> {
  await trx
    .insertInto('home_visit_request')
    .values({
      id: row.id,
      number: row.number,
      front_office_id: row.frontOfficeId,
      service_code: row.serviceCode,
      full_name: row.fullName,
      phone: row.phone,
      address: row.address,
      reason: row.reason,
      status: row.status,
      assigned_to: row.assignedTo,
      created_at: row.createdAt,
      updated_at: row.updatedAt,
    })
    .execute();
}

/** A front office's home-visit requests, newest first. */
export async function listHomeVisits(
  db: Executor,
  frontOfficeId: string,
  limit: number,
): Promise<HomeVisitRow[]> {
  const rows = await db
    .selectFrom('home_visit_request')
    .selectAll()
    .where('front_office_id', '=', frontOfficeId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toHomeVisit);
}

export async function findHomeVisit(db: Executor, id: string): Promise<HomeVisitRow | undefined> {
  const row = await db
    .selectFrom('home_visit_request')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toHomeVisit(row);
}

export async function updateHomeVisitRow(
  trx: Executor,
  id: string,
  change: { status: HomeVisitStatus; assignedTo: string | null; updatedAt: Date },
): Promise<void> {
  await trx
    .updateTable('home_visit_request')
    .set({ status: change.status, assigned_to: change.assignedTo, updated_at: change.updatedAt })
    .where('id', '=', id)
    .execute();
}

/** Active staff of an organisation holding `role` (for assignments). */
export async function listStaffWithRole(
  db: Executor,
  organisationId: string,
  role: string,
): Promise<{ id: string; fullName: string; fullNameKk: string }[]> {
  const rows = await db
    .selectFrom('staff_account')
    .select(['id', 'full_name', 'full_name_kk'])
    .where('organisation_id', '=', organisationId)
    .where('is_active', '=', true)
    .where(sql<boolean>`${role} = any(roles)`)
    .orderBy('full_name')
    .execute();
  return rows.map((row) => ({ id: row.id, fullName: row.full_name, fullNameKk: row.full_name_kk }));
}
