import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { DomainError, ErrorCode, type FieldIssue } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import { StaffRole } from '../../../domain/shared/roles.js';
import { giveCommand } from '../../../features/command-table.js';
import {
  getProviderAppeal,
  type ProviderAppeal,
} from '../../../features/queries/get-provider-appeal.js';
import {
  listProviderAppeals,
  type ProviderAppealRow,
} from '../../../features/queries/list-provider-appeals.js';
import { organisationTimeZone } from '../../../features/queries/organisation-time-zone.js';
import { errorTable } from '../../error-table.js';
import { documentSigningContext } from '../../signing-context.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  Page,
  type FormError,
  type PageContext,
} from '../layout.js';
import { pageContext, render, requireStaff } from '../page-context.js';
import type { WebEnv } from '../web-env.js';
import { backOfficeNav, Due, IndicatorTag, inLocale } from './components.js';

/** The texts of the appeals pages (kk/ru/en). */
const t = {
  title: { kk: 'Шағымдар', ru: 'Жалобы', en: 'Appeals' },
  appealTitle: { kk: 'Шағым', ru: 'Жалоба', en: 'Appeal' },
  intro: {
    kk: 'Көрсетілетін қызметті берушінің шешіміне, әрекетіне (әрекетсіздігіне) шағым тіркелген күнінен бастап 5 жұмыс күні ішінде қаралады.',
    ru: 'Жалоба на решение, действие (бездействие) услугодателя рассматривается в течение 5 рабочих дней со дня её регистрации.',
    en: 'An appeal against a decision, action or inaction of the provider is reviewed within 5 working days of its registration.',
  },
  application: { kk: 'Өтініш', ru: 'Заявление', en: 'Application' },
  service: { kk: 'Қызмет', ru: 'Услуга', en: 'Service' },
  submittedAt: { kk: 'Тіркелді', ru: 'Зарегистрирована', en: 'Registered' },
  reviewDue: { kk: 'Қарау мерзімі', ru: 'Срок рассмотрения', en: 'Review due' },
  status: { kk: 'Күйі', ru: 'Статус', en: 'Status' },
  text: { kk: 'Шағым мәтіні', ru: 'Текст жалобы', en: 'Text of the appeal' },
  waiting: { kk: 'Шешім күтілуде', ru: 'Ожидает решения', en: 'Waiting for a decision' },
  upheld: { kk: 'Қанағаттандырылды', ru: 'Удовлетворена', en: 'Upheld' },
  rejected: { kk: 'Қабылданбады', ru: 'Отклонена', en: 'Rejected' },
  decidedAt: { kk: 'Шешім күні', ru: 'Дата решения', en: 'Decided on' },
  answer: { kk: 'Дәлелді жауап', ru: 'Мотивированный ответ', en: 'Reasoned answer' },
  answerHint: {
    kk: 'Өтініш берушіге жеке кабинетте және SMS арқылы жіберіледі (кемінде 10 таңба).',
    ru: 'Направляется услугополучателю в личный кабинет и по SMS (не менее 10 символов).',
    en: 'Sent to the applicant in the personal cabinet and by SMS (at least 10 characters).',
  },
  decision: { kk: 'Шешім', ru: 'Решение', en: 'Decision' },
  decide: { kk: 'Шешімді тіркеу', ru: 'Зарегистрировать решение', en: 'Record the decision' },
  decisionRequired: {
    kk: 'Шешімді таңдаңыз.',
    ru: 'Выберите решение.',
    en: 'Choose the decision.',
  },
  answerRequired: {
    kk: 'Дәлелді жауапты жазыңыз (кемінде 10 таңба).',
    ru: 'Напишите мотивированный ответ (не менее 10 символов).',
    en: 'Write the reasoned answer (at least 10 characters).',
  },
  decided: {
    kk: 'Шешім тіркелді, өтініш берушіге хабарлама жіберілді.',
    ru: 'Решение зарегистрировано, услугополучатель уведомлён.',
    en: 'The decision is recorded and the applicant notified.',
  },
  onlyHead: {
    kk: 'Шағым бойынша шешімді көрсетілетін қызметті берушінің басшысы қабылдайды.',
    ru: 'Решение по жалобе принимает руководитель услугодателя.',
    en: "The provider's head decides appeals.",
  },
  none: { kk: 'Шағым жоқ.', ru: 'Жалоб нет.', en: 'No appeals.' },
} as const;

const statusLabel = (status: 'submitted' | 'upheld' | 'rejected') =>
  status === 'submitted' ? t.waiting : t[status];

/** The provider's staff who see the appeals of their organisation's applications. */
const appealRoles = [
  StaffRole.registryOffice,
  StaffRole.head,
  StaffRole.executor,
  StaffRole.commissionMember,
] as const;

function AppealsPage(props: {
  ctx: PageContext;
  rows: readonly ProviderAppealRow[];
  timeZone: string;
}) {
  const { ctx } = props;
  const locale = ctx.locale;
  return (
    <Page ctx={ctx} title={t.title[locale]} nav={backOfficeNav} current="/back-office/appeals">
      <h1>{t.title[locale]}</h1>
      <p>{t.intro[locale]}</p>
      {props.rows.length === 0 ? (
        <p>{t.none[locale]}</p>
      ) : (
        <div class="table-wrap">
          <table id="appeals">
            <caption>{t.title[locale]}</caption>
            <thead>
              <tr>
                <th scope="col">{t.appealTitle[locale]}</th>
                <th scope="col">{t.application[locale]}</th>
                <th scope="col">{t.service[locale]}</th>
                <th scope="col">{t.submittedAt[locale]}</th>
                <th scope="col">{t.reviewDue[locale]}</th>
                <th scope="col">{t.status[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr data-appeal={row.id} data-number={row.number}>
                  <td>
                    <a href={`/back-office/appeals/${row.id}`}>{t.appealTitle[locale]}</a>
                  </td>
                  <td>
                    <a href={`/back-office/applications/${row.applicationId}`}>{row.number}</a>
                  </td>
                  <td>{row.serviceName ? inLocale(row.serviceName, locale) : '—'}</td>
                  <td>
                    <Due at={row.submittedAt} locale={locale} timeZone={props.timeZone} />
                  </td>
                  <td class="due">
                    <Due at={row.dueAt} locale={locale} timeZone={props.timeZone} />
                  </td>
                  <td>
                    {statusLabel(row.status)[locale]}
                    {row.isOverdue ? (
                      <>
                        {' '}
                        <IndicatorTag indicator="overdue" locale={locale} />
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

interface DecisionForm {
  readonly decision: string;
  readonly answer: string;
  readonly errors: readonly FormError[];
}

function AppealPage(props: {
  ctx: PageContext;
  appeal: ProviderAppeal;
  timeZone: string;
  form?: DecisionForm;
  done?: boolean;
  refusal?: string;
}) {
  const { ctx, appeal } = props;
  const locale = ctx.locale;
  const form = props.form ?? { decision: '', answer: '', errors: [] };
  const errorOf = (field: string) => form.errors.find((error) => error.field === field)?.message;
  return (
    <Page
      ctx={ctx}
      title={t.appealTitle[locale]}
      nav={backOfficeNav}
      current="/back-office/appeals"
    >
      <h1>
        {t.appealTitle[locale]} · {appeal.application.number}
      </h1>
      {props.done ? (
        <Notice tone="ok" role="status">
          {t.decided[locale]}
        </Notice>
      ) : null}
      {props.refusal ? (
        <Notice tone="bad" role="alert">
          {props.refusal}
        </Notice>
      ) : null}
      <ErrorSummary ctx={ctx} errors={form.errors} />
      <dl class="facts">
        <dt>{t.application[locale]}</dt>
        <dd>
          <a href={`/back-office/applications/${appeal.application.id}`}>
            {appeal.application.number}
          </a>
        </dd>
        <dt>{t.service[locale]}</dt>
        <dd>{inLocale(appeal.application.serviceName, locale)}</dd>
        <dt>{t.submittedAt[locale]}</dt>
        <dd>
          <Due at={appeal.submittedAt} locale={locale} timeZone={props.timeZone} />
        </dd>
        <dt>{t.reviewDue[locale]}</dt>
        <dd class="due">
          <Due at={appeal.dueAt} locale={locale} timeZone={props.timeZone} />
          {appeal.isOverdue ? (
            <>
              {' '}
              <IndicatorTag indicator="overdue" locale={locale} />
            </>
          ) : null}
        </dd>
        <dt>{t.status[locale]}</dt>
        <dd id="appeal-status">{statusLabel(appeal.status)[locale]}</dd>
        {appeal.decidedAt ? (
          <>
            <dt>{t.decidedAt[locale]}</dt>
            <dd>
              <Due at={appeal.decidedAt} locale={locale} timeZone={props.timeZone} />
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t.text[locale]}</h2>
      <blockquote id="appeal-text">{appeal.text}</blockquote>
      {appeal.answer ? (
        <>
          <h2>{t.answer[locale]}</h2>
          <blockquote id="appeal-answer">{appeal.answer}</blockquote>
        </>
      ) : null}
      {appeal.mayDecide ? (
        <form method="post" action={`/back-office/appeals/${appeal.id}`} novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="idempotencyKey" value={randomUUID()} />
          <fieldset
            id="appeal-decision"
            class={errorOf('appeal-decision') ? 'field invalid' : 'field'}
            aria-describedby={errorOf('appeal-decision') ? 'appeal-decision-error' : undefined}
          >
            <legend>{t.decision[locale]}</legend>
            {errorOf('appeal-decision') ? (
              <span class="error" id="appeal-decision-error">
                {errorOf('appeal-decision')}
              </span>
            ) : null}
            {(['upheld', 'rejected'] as const).map((value) => (
              <label class="choice">
                <input
                  type="radio"
                  name="decision"
                  value={value}
                  checked={form.decision === value}
                  required
                />{' '}
                {t[value][locale]}
              </label>
            ))}
          </fieldset>
          <div class={errorOf('appeal-answer-text') ? 'field invalid' : 'field'}>
            <label for="appeal-answer-text">{t.answer[locale]}</label>
            <span class="hint" id="appeal-answer-hint">
              {t.answerHint[locale]}
            </span>
            {errorOf('appeal-answer-text') ? (
              <span class="error" id="appeal-answer-error">
                {errorOf('appeal-answer-text')}
              </span>
            ) : null}
            <textarea
              id="appeal-answer-text"
              name="answer"
              rows={6}
              minlength={10}
              maxlength={8000}
              required
              aria-invalid={errorOf('appeal-answer-text') ? 'true' : undefined}
              aria-describedby={
                errorOf('appeal-answer-text')
                  ? 'appeal-answer-hint appeal-answer-error'
                  : 'appeal-answer-hint'
              }
            >
              {form.answer}
            </textarea>
          </div>
          <div class="actions">
            <button type="submit">{t.decide[locale]}</button>
          </div>
        </form>
      ) : appeal.status === 'submitted' ? (
        <p>{t.onlyHead[locale]}</p>
      ) : null}
    </Page>
  );
}

/** The provider's appeals under /back-office/appeals: the list, one appeal, the head's decision. */
export function backOfficeAppealRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();

  routes.get('/back-office/appeals', async (c) => {
    const user = await requireStaff(c, appealRoles);
    const services = c.get('deps').applications;
    const rows = await listProviderAppeals(services, user.principal);
    const timeZone = await organisationTimeZone(services, user.principal.organisationId);
    return render(c, <AppealsPage ctx={await pageContext(c)} rows={rows} timeZone={timeZone} />);
  });

  routes.get('/back-office/appeals/:id', async (c) => {
    const user = await requireStaff(c, appealRoles);
    const services = c.get('deps').applications;
    const appeal = await getProviderAppeal(services, user.principal, c.req.param('id'));
    const timeZone = await organisationTimeZone(services, user.principal.organisationId);
    return render(
      c,
      <AppealPage
        ctx={await pageContext(c)}
        appeal={appeal}
        timeZone={timeZone}
        done={c.req.query('done') === '1'}
      />,
    );
  });

  routes.post('/back-office/appeals/:id', async (c) => {
    const user = await requireStaff(c, appealRoles);
    const services = c.get('deps').applications;
    const locale: Locale = c.get('locale');
    const id = c.req.param('id');
    const appeal = await getProviderAppeal(services, user.principal, id);
    const body = await c.req.parseBody();
    const field = (name: string) => (typeof body[name] === 'string' ? body[name].trim() : '');
    const form = { decision: field('decision'), answer: field('answer') };
    const errors: FormError[] = [];
    if (form.decision !== 'upheld' && form.decision !== 'rejected')
      errors.push({ field: 'appeal-decision', message: t.decisionRequired[locale] });
    if (form.answer.length < 10)
      errors.push({ field: 'appeal-answer-text', message: t.answerRequired[locale] });
    const ctx = await pageContext(c);
    const timeZone = await organisationTimeZone(services, user.principal.organisationId);
    const page = (status: 403 | 409 | 422, extras: { errors?: FormError[]; refusal?: string }) =>
      render(
        c,
        <AppealPage
          ctx={ctx}
          appeal={appeal}
          timeZone={timeZone}
          form={{ ...form, errors: extras.errors ?? [] }}
          {...(extras.refusal ? { refusal: extras.refusal } : {})}
        />,
        status,
      );
    if (errors.length > 0) return page(422, { errors });
    try {
      await giveCommand(
        'decide_appeal',
        services,
        { signing: () => documentSigningContext(c) },
        user.principal,
        {
          idempotencyKey: field('idempotencyKey'),
          applicationId: appeal.application.id,
          appealId: appeal.id,
          decision: form.decision as 'upheld' | 'rejected',
          answer: form.answer,
        },
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === ErrorCode.validationFailed) {
        const issues = (error.details.issues ?? []) as FieldIssue[];
        return page(422, {
          errors: issues.map((issue) => ({
            field: issue.path === 'decision' ? 'appeal-decision' : 'appeal-answer-text',
            message:
              issue.path === 'decision' ? t.decisionRequired[locale] : t.answerRequired[locale],
          })),
        });
      }
      if (error.code === ErrorCode.conflict || error.code === ErrorCode.forbidden) {
        return page(error.code === ErrorCode.conflict ? 409 : 403, {
          refusal:
            `${errorTable[error.code].message[locale]} ${error.code === ErrorCode.forbidden ? t.onlyHead[locale] : ''}`.trim(),
        });
      }
      throw error;
    }
    return c.redirect(`/back-office/appeals/${appeal.id}?done=1`, 303);
  });

  return routes;
}

/** What the application page shows the head when an appeal waits for a decision. */
export const appealLinkText = {
  kk: 'Шағым бойынша шешім қабылдау',
  ru: 'Принять решение по жалобе',
  en: 'Decide the appeal',
} as const;
