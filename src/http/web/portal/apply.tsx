import { portalServices } from './as-of.js';
import { Hono } from 'hono';
import { portalDocumentRequirements } from '../../../domain/portal/portal-documents.js';
import { DomainError, ErrorCode, type FieldIssue } from '../../../domain/shared/domain-error.js';
import {
  attachDraftDocument,
  otherDocumentKind,
} from '../../../features/portal/attach-draft-document.js';
import {
  applicantIinFieldId,
  draftDigest,
  draftIssues,
  submittedFields,
} from '../../../features/portal/draft-readiness.js';
import {
  findOpenDraftFor,
  getPortalDraft,
  type PortalDraft,
} from '../../../features/portal/get-portal-draft.js';
import {
  portalDay,
  listServiceProviders,
} from '../../../features/portal/list-service-providers.js';
import type { PortalCitizen } from '../../../features/portal/portal-citizen.js';
import { removeDraftDocument } from '../../../features/portal/remove-draft-document.js';
import { requestDraftCertification } from '../../../features/portal/request-draft-certification.js';
import { savePortalDraft } from '../../../features/portal/save-portal-draft.js';
import { submitPortalDraft } from '../../../features/portal/submit-portal-draft.js';
import { getPublicStatus } from '../../../features/queries/get-public-status.js';
import { enforceRateLimit, rateLimitPolicies } from '../../../features/web/rate-limit.js';
import type { FormError } from '../layout.js';
import { nameIn } from '../messages.js';
import { pageContext, render, requireCitizen } from '../page-context.js';
import { clientAddress, type WebContext, type WebEnv } from '../web-env.js';
import { ApplyFormPage, formErrorsOf } from './apply-form.js';
import { CertifyPage, DocumentsPage, DonePage, ReviewPage } from './apply-pages.js';
import { applyText as text } from './apply-texts.js';
import { fill, issueMessage } from './texts.js';

const stringOf = (value: unknown) => (typeof value === 'string' ? value : '');

async function citizenOf(c: WebContext): Promise<PortalCitizen> {
  const user = await requireCitizen(c);
  return { accountId: user.accountId, iin: user.iin, phone: user.phone };
}

/** The draft of the path, checked to belong to the citizen and to the regulation of the path. */
async function draftOf(c: WebContext, citizen: PortalCitizen): Promise<PortalDraft> {
  const found = await getPortalDraft(
    portalServices(c),
    citizen.accountId,
    c.req.param('draftId') ?? '',
  );
  if (found.regulation.id !== c.req.param('regulationId')) {
    throw new DomainError(ErrorCode.notFound, { draftId: found.draft.id });
  }
  return found;
}

function baseOf(found: PortalDraft): string {
  return `/apply/${found.regulation.id}/${found.draft.id}`;
}

/** A submitted draft has nothing left to edit: its pages lead to the confirmation. */
function ifSubmitted(c: WebContext, found: PortalDraft) {
  return found.draft.status === 'submitted' ? c.redirect(`${baseOf(found)}/done`, 303) : undefined;
}

async function renderDocuments(
  c: WebContext,
  found: PortalDraft,
  options: { errors?: FormError[]; kind?: string; notice?: string; status?: 200 | 413 | 422 } = {},
) {
  const values = submittedFields(found.regulation, found.draft.fields);
  return render(
    c,
    <DocumentsPage
      ctx={await pageContext(c)}
      base={baseOf(found)}
      regulation={found.regulation}
      requirements={portalDocumentRequirements(found.regulation, values)}
      documents={found.documents}
      kind={options.kind ?? ''}
      errors={options.errors ?? []}
      notice={options.notice}
    />,
    options.status === 413 ? 422 : (options.status ?? 200),
  );
}

async function renderReview(
  c: WebContext,
  citizen: PortalCitizen,
  found: PortalDraft,
  extra: FieldIssue[] = [],
) {
  const locale = c.get('locale');
  const services = portalServices(c);
  const { providers, frontOffices, needsFrontOffice } = await listServiceProviders(
    services,
    found.regulation.id,
  );
  const issues = [
    ...draftIssues(found.regulation, found.draft, found.documents, {
      day: portalDay(services),
      needsFrontOffice,
      applicantIin: citizen.iin,
    }),
    ...extra,
  ];
  // Problems of the form are fixed on the form (the summary links to its "Change" link),
  // missing files on the documents step.
  const errors: FormError[] = [
    ...formErrorsOf(found.regulation, issues, locale).map((error) => ({
      ...error,
      field: 'form-link',
    })),
    ...issues
      .filter((issue) => issue.path.startsWith('documents.'))
      .map((issue) => {
        const document = found.regulation.documents.find(
          (candidate) => `documents.${candidate.id}` === issue.path,
        );
        return {
          field: 'documents-link',
          message: `${document ? nameIn(document.title, locale) : ''}: ${text.uploadNeeded[locale]}`,
        };
      }),
  ];
  const provider = providers.find((p) => p.id === found.draft.providerOrganisationId);
  const frontOffice = frontOffices.find((f) => f.id === found.draft.frontOfficeId);
  return render(
    c,
    <ReviewPage
      ctx={await pageContext(c)}
      base={baseOf(found)}
      regulation={found.regulation}
      provider={provider ? nameIn(provider.name, locale) : '—'}
      frontOffice={
        needsFrontOffice ? (frontOffice ? nameIn(frontOffice.name, locale) : '—') : undefined
      }
      fields={submittedFields(found.regulation, found.draft.fields)}
      documents={found.documents}
      digestSha256={draftDigest(found.regulation, found.draft, found.documents)}
      errors={errors}
    />,
    errors.length > 0 ? 422 : 200,
  );
}

/** The application journey: /apply/<regulationId> and its draft's steps. */
export function applyRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();

  routes.get('/apply/:regulationId', async (c) => {
    const citizen = await citizenOf(c);
    const services = portalServices(c);
    const regulationId = c.req.param('regulationId');
    const options = await listServiceProviders(services, regulationId);
    const open = await findOpenDraftFor(services, citizen.accountId, regulationId);
    const state = open
      ? {
          draftId: open.draft.id,
          providerOrganisationId: open.draft.providerOrganisationId ?? '',
          frontOfficeId: open.draft.frontOfficeId ?? '',
          fields: open.draft.fields,
          errors: [],
        }
      : {
          draftId: '',
          providerOrganisationId: options.providers.length === 1 ? options.providers[0]!.id : '',
          frontOfficeId: options.frontOffices.length === 1 ? options.frontOffices[0]!.id : '',
          fields: { [applicantIinFieldId]: citizen.iin },
          errors: [],
        };
    return render(c, <ApplyFormPage ctx={await pageContext(c)} {...options} state={state} />);
  });

  routes.post('/apply/:regulationId', async (c) => {
    const citizen = await citizenOf(c);
    const locale = c.get('locale');
    const services = portalServices(c);
    const regulationId = c.req.param('regulationId');
    const options = await listServiceProviders(services, regulationId);
    const form = await c.req.parseBody();
    const fields: Record<string, string> = {};
    for (const field of options.regulation.fields)
      fields[field.id] = stringOf(form[`f-${field.id}`]);
    const input = {
      draftId: stringOf(form.draftId) || undefined,
      regulationId,
      providerOrganisationId: stringOf(form.provider),
      frontOfficeId: stringOf(form['front-office']),
      fields,
      language: locale === 'kk' ? ('kk' as const) : ('ru' as const),
    };
    const saved = await savePortalDraft(services, citizen, input);
    const formIssues = saved.issues.filter((issue) => !issue.path.startsWith('documents.'));
    if (formIssues.length > 0) {
      return render(
        c,
        <ApplyFormPage
          ctx={await pageContext(c)}
          {...options}
          state={{
            draftId: saved.draftId,
            providerOrganisationId: input.providerOrganisationId,
            frontOfficeId: input.frontOfficeId,
            fields,
            errors: formErrorsOf(options.regulation, formIssues, locale),
          }}
        />,
        422,
      );
    }
    return c.redirect(`/apply/${regulationId}/${saved.draftId}/documents`, 303);
  });

  routes.get('/apply/:regulationId/:draftId/documents', async (c) => {
    const found = await draftOf(c, await citizenOf(c));
    const submitted = ifSubmitted(c, found);
    if (submitted) return submitted;
    const uploaded = found.documents.find((document) => document.id === c.req.query('uploaded'));
    const notice = uploaded
      ? fill(text.uploadedNotice[c.get('locale')], {
          name: uploaded.fileName,
          sha256: uploaded.sha256,
        })
      : undefined;
    return renderDocuments(c, found, { notice });
  });

  routes.post('/apply/:regulationId/:draftId/documents', async (c) => {
    const citizen = await citizenOf(c);
    const locale = c.get('locale');
    const found = await draftOf(c, citizen);
    const form = await c.req.parseBody();
    const kind = stringOf(form.kind) || otherDocumentKind;
    const file = form.file;
    const fail = (rule: string) =>
      renderDocuments(c, found, {
        kind,
        errors: [{ field: 'file', message: issueMessage({ path: 'file', rule }, locale) }],
        status: 422,
      });
    if (!(file instanceof File) || file.size === 0)
      return fail(file instanceof File ? 'file_empty' : 'file_missing');
    try {
      const attached = await attachDraftDocument(portalServices(c), citizen, {
        draftId: found.draft.id,
        kind,
        fileName: file.name,
        content: new Uint8Array(await file.arrayBuffer()),
      });
      return c.redirect(`${baseOf(found)}/documents?uploaded=${attached.documentId}`, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation_failed') {
        return fail(error.details.issues?.[0]?.rule ?? 'file_type');
      }
      throw error;
    }
  });

  routes.post('/apply/:regulationId/:draftId/documents/:documentId/remove', async (c) => {
    const citizen = await citizenOf(c);
    const found = await draftOf(c, citizen);
    await removeDraftDocument(portalServices(c), citizen, {
      draftId: found.draft.id,
      documentId: c.req.param('documentId'),
    });
    return c.redirect(`${baseOf(found)}/documents`, 303);
  });

  routes.get('/apply/:regulationId/:draftId/review', async (c) => {
    const citizen = await citizenOf(c);
    const found = await draftOf(c, citizen);
    const submitted = ifSubmitted(c, found);
    if (submitted) return submitted;
    return renderReview(c, citizen, found);
  });

  routes.post('/apply/:regulationId/:draftId/review', async (c) => {
    const citizen = await citizenOf(c);
    const found = await draftOf(c, citizen);
    const submitted = ifSubmitted(c, found);
    if (submitted) return submitted;
    const { database, now, sms } = c.get('deps');
    await enforceRateLimit(
      database.db,
      `portal-otp:${clientAddress(c)}`,
      rateLimitPolicies.oneTimePassword,
      now(),
    );
    try {
      const challenge = await requestDraftCertification(
        { ...portalServices(c), sms },
        citizen,
        found.draft.id,
      );
      const query = new URLSearchParams({
        challenge: challenge.challengeId,
        phone: challenge.maskedPhone,
      });
      return c.redirect(`${baseOf(found)}/certify?${query.toString()}`, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation_failed') {
        return renderReview(c, citizen, found);
      }
      throw error;
    }
  });

  routes.get('/apply/:regulationId/:draftId/certify', async (c) => {
    const found = await draftOf(c, await citizenOf(c));
    const submitted = ifSubmitted(c, found);
    if (submitted) return submitted;
    const challengeId = c.req.query('challenge') ?? '';
    if (!/^[0-9a-f-]{36}$/.test(challengeId)) return c.redirect(`${baseOf(found)}/review`, 303);
    return render(
      c,
      <CertifyPage
        ctx={await pageContext(c)}
        base={baseOf(found)}
        challengeId={challengeId}
        maskedPhone={(c.req.query('phone') ?? '').slice(0, 20)}
        digestSha256={draftDigest(found.regulation, found.draft, found.documents)}
        errors={[]}
      />,
    );
  });

  routes.post('/apply/:regulationId/:draftId/certify', async (c) => {
    const citizen = await citizenOf(c);
    const locale = c.get('locale');
    const found = await draftOf(c, citizen);
    const submitted = ifSubmitted(c, found);
    if (submitted) return submitted;
    const form = await c.req.parseBody();
    const code = stringOf(form.code).trim();
    const challengeId = stringOf(form.challengeId);
    const page = async (message: string, status: 401 | 409 | 422) =>
      render(
        c,
        <CertifyPage
          ctx={await pageContext(c)}
          base={baseOf(found)}
          challengeId={challengeId}
          maskedPhone={stringOf(form.maskedPhone).slice(0, 20)}
          digestSha256={draftDigest(found.regulation, found.draft, found.documents)}
          errors={[{ field: 'code', message }]}
        />,
        status,
      );
    if (!/^\d{6}$/.test(code)) {
      return page(
        issueMessage({ path: 'code', rule: 'length_exact', params: { length: 6 } }, locale),
        422,
      );
    }
    const { database, now } = c.get('deps');
    await enforceRateLimit(
      database.db,
      `portal-otp:${clientAddress(c)}`,
      rateLimitPolicies.oneTimePassword,
      now(),
    );
    try {
      await submitPortalDraft(portalServices(c), citizen, {
        draftId: found.draft.id,
        challengeId,
        code,
        digestSha256: stringOf(form.digest),
      });
      return c.redirect(`${baseOf(found)}/done`, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unauthenticated') {
        return page(
          issueMessage({ path: 'code', rule: 'required', message: error.details.message }, locale),
          401,
        );
      }
      if (error instanceof DomainError && error.code === 'conflict') {
        return page(text.changedSinceReview[locale], 409);
      }
      if (error instanceof DomainError && error.code === 'validation_failed') {
        return renderReview(c, citizen, found);
      }
      throw error;
    }
  });

  routes.get('/apply/:regulationId/:draftId/done', async (c) => {
    const found = await draftOf(c, await citizenOf(c));
    const { applicationId, applicationNumber } = found.draft;
    if (found.draft.status !== 'submitted' || !applicationId || !applicationNumber) {
      return c.redirect(`${baseOf(found)}/review`, 303);
    }
    const status = await getPublicStatus(c.get('deps').applications, applicationNumber);
    return render(
      c,
      <DonePage
        ctx={await pageContext(c)}
        regulation={found.regulation}
        number={applicationNumber}
        applicationId={applicationId}
        dueAt={status.dueAt}
      />,
    );
  });

  return routes;
}
