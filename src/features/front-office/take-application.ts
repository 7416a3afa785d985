import { bilingualStaffName } from '../../domain/identity/staff-name.js';
import { z } from 'zod';
import { getFlow, getStep } from '../../domain/application/fold.js';
import { ConsentScope } from '../../domain/identity/consent.js';
import { DomainError, ErrorCode, type FieldIssue } from '../../domain/shared/domain-error.js';
import { DocumentKind } from '../../documents/templates.js';
import type { PersonRecord } from '../../integrations/registries.js';
import { completeStep } from '../applications/complete-step.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { lookUpApplicant, type PrefetchedLookups } from '../applications/look-up-applicant.js';
import { submitApplication } from '../applications/submit-application.js';
import { identifyApplicant, type ApplicantIdentification } from '../identity/identify-applicant.js';
import { recordConsent } from '../identity/record-consent.js';
import {
  issueFrontOfficeDocument,
  organisationToday,
  requireFrontOfficeRole,
  type FrontOfficeContext,
  type FrontOfficeStaff,
} from './front-office-context.js';
import { formatLocal } from '../deadlines/deadline-indicator.js';
import { lookUpBeforeIntake } from './look-up-before-intake.js';
import { statusCheckCodeOf } from '../public-status/status-check-code.js';
import { prepareElectronicRequest } from './electronic-request.js';
import {
  checkPackage,
  DocumentCheck,
  intakeChecklist,
  listIntakeServices,
} from './intake-catalog.js';

const iin = z.string().regex(/^\d{12}$/, 'iin');

export const TakeApplicationInput = z
  .object({
    /** A key of the form shown to the operator: a repeated post changes nothing. */
    formKey: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
    serviceCode: z.string().min(1),
    providerOrganisationId: z.string().min(1),
    applicantIin: iin,
    representativeIin: iin.optional(),
    powerOfAttorneyNumber: z.string().trim().min(1).max(64).optional(),
    applicantPhone: z.string().trim().max(20).optional(),
    fields: z.record(z.string(), z.string()).default({}),
    checks: z.record(z.string(), z.enum(['present', 'expired', 'missing'])).default({}),
    consentGiven: z.boolean().default(false),
    requestSigned: z.boolean().default(false),
  })
  .strict();
export type TakeApplicationInput = z.input<typeof TakeApplicationInput>;

export type TakeApplicationOutcome =
  | { kind: 'not_identified'; identification: ApplicantIdentification & { status: 'refused' } }
  | {
      kind: 'accepted' | 'refused_at_intake';
      applicationId: string;
      number: string;
      documentId: string | undefined;
    };

/** "Фамилия Имя Отчество" of a registry record, in Russian (documents are bilingual). */
export function personName(person: PersonRecord): string {
  return [person.lastName.ru, person.firstName.ru, person.patronymic?.ru].filter(Boolean).join(' ');
}

/** A registry that does not answer before submission: the intake is refused, nothing created. */
async function nothingCreatedIfUnavailable<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.registryUnavailable) {
      throw new DomainError(
        ErrorCode.intakeRegistryUnavailable,
        { ...error.details, nothingCreated: true },
        error.message,
        true,
      );
    }
    throw error;
  }
}

function refuse(issues: FieldIssue[]): never {
  throw new DomainError(ErrorCode.validationFailed, { issues });
}

/**
 * The operator takes an application at the front office (digest, "Front office flow"; e.g.
 * akimat-2016-285, annex 1, point 6, items 1–3): identifies the applicant in ГБД ФЛ and a
 * representative's power of attorney in ЕНИС (a refusal is returned with the prescribed
 * message and nothing is recorded); checks the package against the regulation's checklist;
 * submits through the engine on the front-office channel and completes the operator's steps:
 * an incomplete package or expired documents → the refusal receipt (refused at intake);
 * otherwise the receipt, the applicant's written consent to the use of protected data, and the
 * electronic request to the provider, prepared for the operator's ЭЦП (electronic-request.ts;
 * the operator signs it in the browser, sign-electronic-request.ts — intake stops at the
 * regulation's sign_request step until then).
 */
export async function takeApplication(
  context: FrontOfficeContext,
  staff: FrontOfficeStaff,
  rawInput: TakeApplicationInput,
): Promise<TakeApplicationOutcome> {
  const parsed = TakeApplicationInput.safeParse(rawInput);
  if (!parsed.success) {
    refuse(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        rule: issue.message === 'iin' ? 'iin' : issue.code,
      })),
    );
  }
  const input = parsed.data;
  requireFrontOfficeRole(staff);
  const { services } = context;
  const catalog = await listIntakeServices(services, staff.principal.organisationId);
  const entry = catalog.find((candidate) => candidate.regulation.service === input.serviceCode);
  if (!entry) refuse([{ path: 'serviceCode', rule: 'not_accepted_here' }]);
  if (!entry.providers.some((provider) => provider.id === input.providerOrganisationId))
    refuse([{ path: 'providerOrganisationId', rule: 'provider_of_service' }]);
  if (input.representativeIin && !input.powerOfAttorneyNumber)
    refuse([{ path: 'powerOfAttorneyNumber', rule: 'required' }]);

  const identification = await nothingCreatedIfUnavailable(() =>
    identifyApplicant(context.gateway, {
      applicantIin: input.applicantIin,
      ...(input.representativeIin && input.powerOfAttorneyNumber
        ? {
            representative: {
              iin: input.representativeIin,
              powerOfAttorneyNumber: input.powerOfAttorneyNumber,
            },
          }
        : {}),
    }),
  );
  if (identification.status === 'refused') return { kind: 'not_identified', identification };

  const { regulation } = entry;
  const fieldIds = new Set(regulation.fields.map((field) => field.id));
  const fields: Record<string, string> = {};
  for (const [id, value] of Object.entries(input.fields))
    if (fieldIds.has(id) && value !== '') fields[id] = value;
  if (fieldIds.has('applicant-iin')) fields['applicant-iin'] = input.applicantIin;
  if (fieldIds.has('power-of-attorney-number') && input.powerOfAttorneyNumber)
    fields['power-of-attorney-number'] = input.powerOfAttorneyNumber;
  const checklist = intakeChecklist(regulation);
  // The answers decide which conditional documents are required, as on the portal.
  const verdict = checkPackage(checklist, input.checks, fields);
  if (verdict.complete) {
    const issues: FieldIssue[] = [];
    if (!input.consentGiven) issues.push({ path: 'consentGiven', rule: 'required' });
    if (!input.requestSigned) issues.push({ path: 'requestSigned', rule: 'required' });
    if (issues.length > 0) refuse(issues);
  }

  // The registries of the intake's lookup steps are asked before anything is created: if one
  // does not answer, the intake is refused (intake_registry_unavailable) with nothing behind.
  const lookups = await lookUpBeforeIntake(context.gateway, getFlow(regulation, 'front_office'), {
    applicantIin: input.applicantIin,
    ...(input.representativeIin ? { representativeIin: input.representativeIin } : {}),
    ...(input.powerOfAttorneyNumber ? { powerOfAttorneyNumber: input.powerOfAttorneyNumber } : {}),
    correlationId: `fo:${input.formKey}`,
  });
  const submitted = await submitApplication(services, staff.principal, {
    idempotencyKey: `fo:${input.formKey}:submit`,
    serviceCode: regulation.service,
    channel: 'front_office',
    applicantIin: input.applicantIin,
    ...(input.representativeIin ? { representativeIin: input.representativeIin } : {}),
    providerOrganisationId: input.providerOrganisationId,
    frontOfficeId: staff.principal.organisationId,
    fields,
    // In a sandbox, "as of" the day the intake's catalogue was listed for (docs/sandbox.md).
    ...(services.sandbox && services.asOf ? { asOf: services.asOf } : {}),
  });
  const people = {
    applicantName: personName(identification.applicant),
    ...(identification.representative
      ? { representativeName: personName(identification.representative.person) }
      : {}),
    applicantPhone: input.applicantPhone ?? '',
  };
  const documentId = await advanceIntake(context, staff, {
    applicationId: submitted.applicationId,
    formKey: input.formKey,
    isComplete: verdict.complete,
    problems: verdict.problems.map(
      (document) =>
        `${document.title.kk} / ${document.title.ru} — ${input.checks[document.id] === DocumentCheck.expired ? 'мерзімі өткен / срок истёк' : 'жоқ / отсутствует'}`,
    ),
    presented: checklist
      .filter((document) => input.checks[document.id] === DocumentCheck.present)
      .map((document) => `${document.title.kk} / ${document.title.ru}`),
    people,
    lookups,
    ...(input.powerOfAttorneyNumber ? { powerOfAttorneyNumber: input.powerOfAttorneyNumber } : {}),
  });
  if (verdict.complete) {
    await prepareElectronicRequest(services, staff, submitted.applicationId, {
      applicantName: people.applicantName,
      ...(people.representativeName && input.powerOfAttorneyNumber
        ? {
            representative: {
              name: people.representativeName,
              powerOfAttorneyNumber: input.powerOfAttorneyNumber,
            },
          }
        : {}),
      applicantPhone: people.applicantPhone,
      presentedDocuments: checklist
        .filter((document) => input.checks[document.id] === DocumentCheck.present)
        .map((document) => ({
          id: document.id,
          title: { kk: document.title.kk, ru: document.title.ru },
        })),
    });
  }
  return {
    kind: verdict.complete ? 'accepted' : 'refused_at_intake',
    applicationId: submitted.applicationId,
    number: submitted.number,
    documentId,
  };
}

interface IntakePlan {
  applicationId: string;
  formKey: string;
  isComplete: boolean;
  problems: string[];
  presented: string[];
  people: { applicantName: string; representativeName?: string; applicantPhone: string };
  /** The registries' answers obtained before submitting (lookUpBeforeIntake). */
  lookups: PrefetchedLookups;
  powerOfAttorneyNumber?: string;
}

/**
 * Completes the operator's intake steps one after another, as the regulation orders them,
 * until the package waits for someone else (the courier, the provider). Returns the receipt's
 * (or refusal receipt's) document id.
 */
async function advanceIntake(
  context: FrontOfficeContext,
  staff: FrontOfficeStaff,
  plan: IntakePlan,
): Promise<string | undefined> {
  const { services } = context;
  let documentId: string | undefined;
  for (let round = 0; round < 15; round += 1) {
    const { state, regulation, record } = await getApplicationFor(
      services,
      staff.principal,
      plan.applicationId,
    );
    if (!state.currentStepId || state.suspendedSince !== undefined) break;
    const step = getStep(getFlow(regulation, state.channel), state.currentStepId);
    const key = `fo:${plan.formKey}:${step.id}`;
    if (step.action === 'registry_lookup') {
      await lookUpApplicant(
        services,
        context.gateway,
        staff.principal,
        {
          idempotencyKey: key,
          applicationId: plan.applicationId,
          ...(plan.powerOfAttorneyNumber
            ? { powerOfAttorneyNumber: plan.powerOfAttorneyNumber }
            : {}),
        },
        undefined,
        plan.lookups,
      );
      continue;
    }
    if (step.actor !== 'front_office_operator') break;
    const complete = (documentIds: string[] = [], answer = true) =>
      completeStep(services, staff.principal, {
        idempotencyKey: key,
        applicationId: plan.applicationId,
        stepId: step.id,
        expectedVersion: state.version,
        ...(step.decide ? { answer } : {}),
        documentIds,
      });
    const { organisation, day } = await organisationToday(services, staff.principal.organisationId);
    // The regulation's own receipt (title, fields) for the front office, when it lists one.
    const resultOfKind = (kind: 'receipt' | 'refusal_receipt') =>
      regulation.results.find(
        (entry) =>
          entry.kind === kind && (!entry.channels || entry.channels.includes(state.channel)),
      );
    const common = {
      requestDate: day.split('-').reverse().join('.'),
      service: `${regulation.name.kk} / ${regulation.name.ru}`,
      applicantName: plan.people.applicantName,
      applicantPhone: plan.people.applicantPhone,
      representativeName: plan.people.representativeName ?? '',
      operatorName: bilingualStaffName({
        fullName: staff.fullName,
        fullNameKk: staff.fullNameKk ?? staff.fullName,
      }),
    };
    switch (step.action) {
      case 'intake_check':
        await complete([], plan.isComplete);
        break;
      case 'issue_refusal_receipt': {
        const grounds = regulation.refusalGrounds
          .filter((ground) => ground.stage === 'intake')
          .map((ground) => `${ground.text.kk} / ${ground.text.ru}`);
        const issued = await issueFrontOfficeDocument(context, staff, {
          kind: DocumentKind.refusalReceipt,
          serviceCode: regulation.service,
          definition: resultOfKind('refusal_receipt'),
          applicationId: plan.applicationId,
          fields: {
            ...common,
            grounds:
              grounds.length > 0 ? grounds : ['Толық емес пакет / Неполный пакет документов'],
            missingDocuments: plan.problems,
          },
        });
        documentId = issued.id;
        await complete([issued.id]);
        break;
      }
      case 'issue_receipt': {
        const issued = await issueFrontOfficeDocument(context, staff, {
          kind: DocumentKind.receipt,
          serviceCode: regulation.service,
          definition: resultOfKind('receipt'),
          applicationId: plan.applicationId,
          fields: {
            ...common,
            requestNumber: record.number,
            statusCheckCode: statusCheckCodeOf(plan.applicationId),
            attachedDocuments: plan.presented.length > 0 ? plan.presented : ['—'],
            resultIssueDateTime: formatLocal(new Date(state.dueAt)),
            resultIssuePlace: `${organisation.nameKk} / ${organisation.nameRu}${organisation.addressRu ? `, ${organisation.addressRu}` : ''}`,
          },
        });
        documentId = issued.id;
        await complete([issued.id]);
        break;
      }
      case 'obtain_consent':
        await recordConsent(
          { db: services.db },
          {
            applicantIin: state.applicantIin,
            ...(state.representativeIin ? { givenByIin: state.representativeIin } : {}),
            applicationId: plan.applicationId,
            scope: ConsentScope.protectedDataInInformationSystems,
            channel: 'front_office',
            proof: { method: 'paper', documentReference: `consent:${record.number}` },
            recordedByStaffId: staff.principal.staffId,
            actor: { kind: 'staff', id: staff.principal.staffId },
          },
          services.now(),
        );
        await complete();
        break;
      case 'authenticate':
      case 'identify_applicant':
      case 'register':
      case 'courier_transfer':
        // Only the operator's own hand-over reaches here (Aktobe's extern permission, akimat-2015-232,
        // point 6, item 3: to the accumulation sector, 30 minutes): the courier's steps are
        // completed by the courier register and its acknowledgement (register-steps.ts).
        await complete();
        break;
      case 'assign_executor':
      case 'await_applicant_answer':
      case 'await_vacancy':
      case 'commission_decision':
      case 'compile_register':
      case 'deliver_to_front_office':
      case 'draft_refusal':
      case 'draft_result':
      case 'enqueue':
      case 'issue_refusal_message':
      case 'issue_result':
      case 'notify':
      case 'offer_place':
      case 'review':
      case 'route_request':
      case 'sign_request':
      case 'sign_result':
      case 'store_result':
      case 'submit':
      case 'verify_signature':
        // Not the operator's intake: the package now waits for someone else. (sign_request:
        // the operator signs the electronic request with their ЭЦП in the browser, NCALayer;
        // sign-electronic-request.ts completes it and answers verify_signature.)
        return documentId;
    }
  }
  return documentId;
}
