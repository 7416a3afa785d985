import type { Principal } from '../../domain/identity/authorisation.js';
import { formatInstant } from '../../domain/calendar/index.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import type { RegistryGateway } from '../../integrations/registries.js';
import { issueDocument, type IssuedDocument } from '../documents/issue-document.js';
import type { DocumentKind } from '../../documents/templates.js';
import type { ResultDocument } from '../../domain/regulation/ResultDocument.js';
import type { FieldValue } from '../../documents/document-content.js';
import {
  getOrganisation,
  workingTimeOf,
  type ApplicationServices,
} from '../../engine/application-services.js';
import { officeSigner } from '../signing/office-signer.js';

/** What the front-office use cases need: the engine, the registries and where keys live. */
export interface FrontOfficeContext {
  readonly services: ApplicationServices;
  readonly gateway: RegistryGateway;
  /** PKI_DIR: the installation's trust folder and embedded CA. */
  readonly pkiDirectory: string;
  /** PUBLIC_URL, printed in the QR codes of documents. */
  readonly publicUrl: string;
}

/** A signed-in front-office (or provider) employee. */
export interface FrontOfficeStaff {
  readonly principal: Principal & { kind: 'staff' };
  readonly iin: string;
  readonly fullName: string;
  /** The Kazakh spelling of the name (the Russian one when not given). */
  readonly fullNameKk?: string;
}

/** Refuses anyone but the front office's operators (and couriers when `alsoCourier`). */
export function requireFrontOfficeRole(
  staff: FrontOfficeStaff,
  roles: readonly StaffRole[] = [StaffRole.frontOfficeOperator],
): void {
  if (!roles.some((role) => staff.principal.roles.includes(role))) {
    throw new DomainError(ErrorCode.forbidden, { reason: 'role_required', roles: [...roles] });
  }
}

/** The local day ('YYYY-MM-DD') and working time of an organisation now. */
export async function organisationToday(services: ApplicationServices, organisationId: string) {
  const organisation = await getOrganisation(services, services.db, organisationId, 'organisation');
  const time = workingTimeOf(services, organisation);
  const now = services.now();
  const day = formatInstant(time, now.getTime()).slice(0, 10);
  return { organisation, time, now, day };
}

/**
 * Issues a front-office document (receipt, refusal receipt, courier register) signed with the
 * employee's key (see office-signer.ts), audited as issued by them.
 */
export async function issueFrontOfficeDocument(
  context: FrontOfficeContext,
  staff: FrontOfficeStaff,
  document: {
    kind: DocumentKind;
    serviceCode: string | null;
    /** The regulation's `results` entry of this kind (title, fields), when it lists one. */
    definition?: Pick<ResultDocument, 'title' | 'fields'> | undefined;
    applicationId?: string;
    fields: Record<string, FieldValue>;
    access?: { organisationId?: string; fromOrganisationId?: string; toOrganisationId?: string };
  },
): Promise<IssuedDocument> {
  const now = context.services.now();
  const organisation = await getOrganisation(
    context.services,
    context.services.db,
    staff.principal.organisationId,
    'organisation',
  );
  const { signer, trustStore } = await officeSigner(
    context.pkiDirectory,
    {
      staffId: staff.principal.staffId,
      iin: staff.iin,
      fullName: staff.fullName,
      organisationName: organisation.nameRu,
      bin: organisation.bin,
    },
    now,
  );
  return issueDocument(
    context.services.db,
    { trustStore, publicUrl: context.publicUrl },
    {
      kind: document.kind,
      serviceCode: document.serviceCode,
      ...(document.definition ? { definition: document.definition } : {}),
      applicationId: document.applicationId ?? null,
      organisation: `${organisation.nameKk} / ${organisation.nameRu}`,
      fields: document.fields,
      signer,
      actor: { kind: 'staff', id: staff.principal.staffId },
      ...(document.access ? { access: document.access } : {}),
      ...(context.services.sandbox ? { sandbox: true } : {}),
    },
    now,
  );
}
