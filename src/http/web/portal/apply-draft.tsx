import type { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import {
  getPortalDraft,
  type PortalDraft,
  type PortalDraftDocumentRow,
} from '../../../features/portal/get-portal-draft.js';
import type { PortalCitizen } from '../../../features/portal/portal-citizen.js';
import { NameIn, Table } from '../components.js';
import { CsrfField, type PageContext } from '../layout.js';
import { requireCitizen } from '../page-context.js';
import type { WebContext } from '../web-env.js';
import { applyText as text } from './apply-texts.js';
import { portalServices } from './as-of.js';

/**
 * What the pages of the application journey share: who applies, their draft (the guard of
 * every step after the form), the steps' base path and the table of attached files.
 */

/** The signed-in citizen, as the portal's use cases take them. */
export async function citizenOf(c: WebContext): Promise<PortalCitizen> {
  const user = await requireCitizen(c);
  return { accountId: user.accountId, iin: user.iin, phone: user.phone };
}

/** The citizen and the draft of the path. */
export interface DraftOwner {
  readonly citizen: PortalCitizen;
  readonly found: PortalDraft;
}

/**
 * The guard of a draft's steps: the citizen and the draft of the path, checked to belong to
 * the citizen and to the regulation of the path (404 otherwise).
 */
export async function draftOwner(c: WebContext): Promise<DraftOwner> {
  const citizen = await citizenOf(c);
  const found = await getPortalDraft(
    portalServices(c),
    citizen.accountId,
    c.req.param('draftId') ?? '',
  );
  if (found.regulation.id !== c.req.param('regulationId')) {
    throw new DomainError(ErrorCode.notFound, { draftId: found.draft.id });
  }
  return { citizen, found };
}

/** `/apply/<regulationId>/<draftId>`: where the draft's steps are. */
export function baseOf(found: PortalDraft): string {
  return `/apply/${found.regulation.id}/${found.draft.id}`;
}

/** A submitted draft has nothing left to edit: its pages lead to the confirmation. */
export function ifSubmitted(found: PortalDraft): string | undefined {
  return found.draft.status === 'submitted' ? `${baseOf(found)}/done` : undefined;
}

/** A size in kB/MB. */
function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function KindTitle(props: { regulation: RegulationDefinition; kind: string; locale: Locale }) {
  const document = props.regulation.documents.find((candidate) => candidate.id === props.kind);
  return document ? (
    <NameIn name={document.title} locale={props.locale} />
  ) : (
    <>{text.other[props.locale]}</>
  );
}

/** The files attached so far, with their checksums (and a remove button on the documents step). */
export function AttachedFiles(props: {
  ctx: PageContext;
  regulation: RegulationDefinition;
  documents: readonly PortalDraftDocumentRow[];
  removeAction?: (documentId: string) => string;
}) {
  const locale = props.ctx.locale;
  if (props.documents.length === 0) return null;
  return (
    <Table
      caption={text.attached[locale]}
      headings={[
        text.kind[locale],
        text.fileName[locale],
        text.size[locale],
        text.checksum[locale],
        ...(props.removeAction ? [text.actions[locale]] : []),
      ]}
    >
      {props.documents.map((document) => (
        <tr>
          <td>
            <KindTitle regulation={props.regulation} kind={document.kind} locale={locale} />
          </td>
          <td>{document.fileName}</td>
          <td>{sizeText(document.sizeBytes)}</td>
          <td>
            <code class="checksum">{document.sha256}</code>
          </td>
          {props.removeAction ? (
            <td>
              <form method="post" action={props.removeAction(document.id)}>
                <CsrfField ctx={props.ctx} />
                <button type="submit" class="secondary">
                  {text.remove[locale]}
                  <span class="visually-hidden"> {document.fileName}</span>
                </button>
              </form>
            </td>
          ) : null}
        </tr>
      ))}
    </Table>
  );
}
