import { randomUUID } from 'node:crypto';
import { DomainError, ErrorCode, type FieldIssue } from '../../../domain/shared/domain-error.js';
import { giveCommand } from '../../../features/command-table.js';
import {
  getProviderAppeal,
  type ProviderAppeal,
} from '../../../features/back-office/get-provider-appeal.js';
import { organisationTimeZone } from '../../../features/catalogue/organisation-time-zone.js';
import type { SignedInUser } from '../../../features/identity/signed-in-user.js';
import { errorTable } from '../../error-table.js';
import { documentSigningContext } from '../../signing-context.js';
import { DueTime } from '../components.js';
import { errorOf, readForm } from '../form.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  Page,
  type FormError,
  type PageContext,
} from '../layout.js';
import { definePage, refuse, type FormState, type Refusal } from '../page.js';
import { requireStaff } from '../page-context.js';
import type { WebContext } from '../web-env.js';
import { appealRoles, statusLabel, t } from './appeal-texts.js';
import { backOfficeNav, IndicatorTag, inLocale } from './components.js';

interface Shown {
  readonly ctx: PageContext;
  readonly appeal: ProviderAppeal;
  readonly timeZone: string;
}

function AppealFacts({ ctx, appeal, timeZone }: Shown) {
  const locale = ctx.locale;
  return (
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
        <DueTime at={appeal.submittedAt} timeZone={timeZone} />
      </dd>
      <dt>{t.reviewDue[locale]}</dt>
      <dd class="due">
        <DueTime at={appeal.dueAt} timeZone={timeZone} />
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
            <DueTime at={appeal.decidedAt} timeZone={timeZone} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function DecisionChoice(props: { ctx: PageContext; form: FormState }) {
  const locale = props.ctx.locale;
  const error = errorOf(props.form.errors, 'appeal-decision');
  return (
    <fieldset
      id="appeal-decision"
      class={error ? 'field invalid' : 'field'}
      aria-describedby={error ? 'appeal-decision-error' : undefined}
    >
      <legend>{t.decision[locale]}</legend>
      {error ? (
        <span class="error" id="appeal-decision-error">
          {error}
        </span>
      ) : null}
      {(['upheld', 'rejected'] as const).map((value) => (
        <label class="choice">
          <input
            type="radio"
            name="decision"
            value={value}
            checked={(props.form.values.decision ?? '') === value}
            required
          />{' '}
          {t[value][locale]}
        </label>
      ))}
    </fieldset>
  );
}

function AnswerField(props: { ctx: PageContext; form: FormState }) {
  const locale = props.ctx.locale;
  const error = errorOf(props.form.errors, 'appeal-answer-text');
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for="appeal-answer-text">{t.answer[locale]}</label>
      <span class="hint" id="appeal-answer-hint">
        {t.answerHint[locale]}
      </span>
      {error ? (
        <span class="error" id="appeal-answer-error">
          {error}
        </span>
      ) : null}
      <textarea
        id="appeal-answer-text"
        name="answer"
        rows={6}
        minlength={10}
        maxlength={8000}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'appeal-answer-hint appeal-answer-error' : 'appeal-answer-hint'}
      >
        {props.form.values.answer ?? ''}
      </textarea>
    </div>
  );
}

function DecisionForm(props: Shown & { form: FormState }) {
  const { ctx, appeal } = props;
  const locale = ctx.locale;
  if (!appeal.mayDecide) return appeal.status === 'submitted' ? <p>{t.onlyHead[locale]}</p> : null;
  return (
    <form method="post" action={`/back-office/appeals/${appeal.id}`} novalidate>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="idempotencyKey" value={randomUUID()} />
      <DecisionChoice ctx={ctx} form={props.form} />
      <AnswerField ctx={ctx} form={props.form} />
      <div class="actions">
        <button type="submit">{t.decide[locale]}</button>
      </div>
    </form>
  );
}

/** The head's decision: checked here, then given to the engine (`decide_appeal`). */
async function decide(
  c: WebContext,
  user: SignedInUser & { kind: 'staff' },
): Promise<Response | Refusal> {
  const services = c.get('deps').applications;
  const locale = c.get('locale');
  const appeal = await getProviderAppeal(services, user.principal, c.req.param('id')!);
  const posted = await readForm(c);
  const values = {
    decision: posted.field('decision').trim(),
    answer: posted.field('answer').trim(),
  };
  const errors: FormError[] = [];
  if (values.decision !== 'upheld' && values.decision !== 'rejected')
    errors.push({ field: 'appeal-decision', message: t.decisionRequired[locale] });
  if (values.answer.length < 10)
    errors.push({ field: 'appeal-answer-text', message: t.answerRequired[locale] });
  if (errors.length > 0) return refuse(values, errors);
  try {
    await giveCommand(
      'decide_appeal',
      services,
      { signing: () => documentSigningContext(c) },
      user.principal,
      {
        idempotencyKey: posted.field('idempotencyKey').trim(),
        applicationId: appeal.application.id,
        appealId: appeal.id,
        decision: values.decision as 'upheld' | 'rejected',
        answer: values.answer,
      },
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === ErrorCode.validationFailed) {
      const issues = (error.details.issues ?? []) as FieldIssue[];
      return refuse(
        values,
        issues.map((issue) =>
          issue.path === 'decision'
            ? { field: 'appeal-decision', message: t.decisionRequired[locale] }
            : { field: 'appeal-answer-text', message: t.answerRequired[locale] },
        ),
      );
    }
    if (error.code === ErrorCode.conflict || error.code === ErrorCode.forbidden) {
      const forbidden = error.code === ErrorCode.forbidden;
      const message = `${errorTable[error.code].message[locale]} ${forbidden ? t.onlyHead[locale] : ''}`;
      return refuse(values, [], forbidden ? 403 : 409, { conflict: { message: message.trim() } });
    }
    throw error;
  }
  return c.redirect(`/back-office/appeals/${appeal.id}?done=1`, 303);
}

/** /back-office/appeals/:id: one appeal, and the head's decision with the reasoned answer. */
export const appealPage = definePage({
  path: '/back-office/appeals/:id',
  guard: (c) => requireStaff(c, appealRoles),
  load: async (c, user) => {
    const services = c.get('deps').applications;
    const appeal = await getProviderAppeal(services, user.principal, c.req.param('id')!);
    const timeZone = await organisationTimeZone(services, user.principal.organisationId);
    return { appeal, timeZone, done: c.req.method === 'GET' && c.req.query('done') === '1' };
  },
  View: ({ ctx, data: { appeal, timeZone, done }, form }) => {
    const locale = ctx.locale;
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
        {done ? (
          <Notice tone="ok" role="status">
            {t.decided[locale]}
          </Notice>
        ) : null}
        {form.conflict ? (
          <Notice tone="bad" role="alert">
            {form.conflict.message}
          </Notice>
        ) : null}
        <ErrorSummary ctx={ctx} errors={form.errors} />
        <AppealFacts ctx={ctx} appeal={appeal} timeZone={timeZone} />
        <h2>{t.text[locale]}</h2>
        <blockquote id="appeal-text">{appeal.text}</blockquote>
        {appeal.answer ? (
          <>
            <h2>{t.answer[locale]}</h2>
            <blockquote id="appeal-answer">{appeal.answer}</blockquote>
          </>
        ) : null}
        <DecisionForm ctx={ctx} appeal={appeal} timeZone={timeZone} form={form} />
      </Page>
    );
  },
  action: decide,
});
