import type { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import { getPublicStatus } from '../../../features/public-status/get-public-status.js';
import { statusCheckCodeOf } from '../../../features/public-status/status-check-code.js';
import { Notice, type PageContext } from '../layout.js';
import { NameIn } from '../components.js';
import { formatDateTime } from '../messages.js';
import { definePage } from '../page.js';
import { baseOf, draftOwner } from './apply-draft.js';
import { applyText as text } from './apply-texts.js';
import { PortalPage } from './portal-page.js';

interface DoneData {
  readonly regulation: RegulationDefinition;
  readonly number: string;
  readonly applicationId: string;
  /** The check code that opens the public status with the number (statusCheckCodeOf). */
  readonly checkCode: string;
  readonly dueAt: string;
}

/** The confirmation: number, due date (UTC+5) and the way to the cabinet. */
function DoneView(props: { ctx: PageContext; data: DoneData }) {
  const { ctx, data } = props;
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={text.doneTitle[locale]} narrow>
      <h1>{text.doneTitle[locale]}</h1>
      <Notice tone="ok" role="status">
        <p>
          <NameIn name={data.regulation.name} locale={locale} />
        </p>
      </Notice>
      <dl class="facts">
        <dt>{text.doneNumber[locale]}</dt>
        <dd class="application-number">{data.number}</dd>
        <dt>{text.doneCheckCode[locale]}</dt>
        <dd class="status-check-code">{data.checkCode}</dd>
        <dt>{text.doneDue[locale]}</dt>
        <dd>
          <time class="due-at" datetime={data.dueAt}>
            {formatDateTime(new Date(data.dueAt), locale)}
          </time>
        </dd>
      </dl>
      <p>{text.doneNext[locale]}</p>
      <p>
        <a class="button" href={`/cabinet/applications/${data.applicationId}`}>
          {text.openInCabinet[locale]}
        </a>
      </p>
    </PortalPage>
  );
}

/** `/apply/<regulationId>/<draftId>/done`: the submitted draft's confirmation. */
export const donePage = definePage({
  path: '/apply/:regulationId/:draftId/done',
  guard: draftOwner,
  redirect: async (_c, { found }) => {
    const { applicationId, applicationNumber } = found.draft;
    const isSubmitted = found.draft.status === 'submitted' && applicationId && applicationNumber;
    return isSubmitted ? undefined : `${baseOf(found)}/review`;
  },
  load: async (c, { found }): Promise<DoneData> => {
    const applicationId = found.draft.applicationId ?? '';
    const applicationNumber = found.draft.applicationNumber ?? '';
    const checkCode = statusCheckCodeOf(applicationId);
    const status = await getPublicStatus(c.get('deps').applications, applicationNumber, checkCode);
    return {
      regulation: found.regulation,
      number: applicationNumber,
      applicationId,
      checkCode,
      dueAt: status.dueAt,
    };
  },
  View: DoneView,
});
