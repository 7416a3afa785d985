import { staffNameIn } from '../../../domain/identity/staff-name.js';
import { appealLinkText } from './appeal-texts.js';
import type { AvailableCommand } from '../../../domain/application/available-commands.js';
import { questionLabels, timeUnitLabels } from '../../../domain/regulation/labels.js';
import type { Locale } from '../../../domain/shared/locale.js';
import type { BackOfficeApplication } from '../../../features/back-office/get-back-office-application.js';
import { CsrfField, TextField, type FormError, type PageContext } from '../layout.js';
import { inLocale } from './components.js';
import { bo } from './texts.js';

/** What a failed form sends back: which form, what was typed, and the problems. */
export interface ActionFormState {
  readonly action: string;
  readonly values: Readonly<Record<string, string | readonly string[]>>;
  readonly errors: readonly FormError[];
}

/** A new idempotency key per rendered form: a retry of the same form is answered once. */
export type KeyFactory = () => string;

interface FormProps {
  ctx: PageContext;
  data: BackOfficeApplication;
  state: ActionFormState | undefined;
  newKey: KeyFactory;
  ncaLayerUrl: string;
}

const valueOf = (props: FormProps, action: string, name: string): string => {
  if (props.state?.action !== action) return '';
  const value = props.state.values[name];
  return typeof value === 'string' ? value : '';
};
const valuesOf = (props: FormProps, action: string, name: string): string[] => {
  if (props.state?.action !== action) return [];
  const value = props.state.values[name];
  return typeof value === 'string' ? [value] : value ? [...value] : [];
};
const errorOf = (props: FormProps, action: string, field: string) =>
  props.state?.action === action
    ? props.state.errors.find((error) => error.field === field)?.message
    : undefined;

function Envelope(props: FormProps & { action: string; stepId?: string }) {
  return (
    <>
      <CsrfField ctx={props.ctx} />
      <input type="hidden" name="idempotencyKey" value={props.newKey()} />
      <input type="hidden" name="expectedVersion" value={String(props.data.view.version)} />
      {props.stepId ? <input type="hidden" name="stepId" value={props.stepId} /> : null}
    </>
  );
}

function NoteField(props: FormProps & { action: string; label?: string }) {
  const id = `${props.action}-note`;
  return (
    <div class="field">
      <label for={id}>{props.label ?? bo.note[props.ctx.locale]}</label>
      <textarea id={id} name="note" maxlength={4000}>
        {valueOf(props, props.action, 'note')}
      </textarea>
    </div>
  );
}

function actionUrl(props: FormProps, action: string): string {
  return `/back-office/applications/${props.data.view.id}/actions/${action}`;
}

/** The head's resolution: choose the executor among the organisation's executors. */
function AssignForm(props: FormProps & { stepId: string }) {
  const locale = props.ctx.locale;
  const error = errorOf(props, 'assign', 'assign-executor');
  return (
    <form method="post" action={actionUrl(props, 'assign')} id="assign-form" novalidate>
      <h3>{bo.assign[locale]}</h3>
      <Envelope {...props} action="assign" stepId={props.stepId} />
      <div class={error ? 'field invalid' : 'field'}>
        <label for="assign-executor">{bo.chooseExecutor[locale]}</label>
        {error ? (
          <span class="error" id="assign-executor-error">
            {error}
          </span>
        ) : null}
        <select
          id="assign-executor"
          name="executorId"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={
            error ? 'assign-executor-error assign-workload-hint' : 'assign-workload-hint'
          }
        >
          {props.data.executors.map((executor) => (
            <option
              value={executor.id}
              selected={valueOf(props, 'assign', 'executorId') === executor.id}
            >
              {staffNameIn(executor, locale)} ({bo.openApplications[locale]}:{' '}
              {executor.openApplications})
            </option>
          ))}
        </select>
        <p class="hint" id="assign-workload-hint">
          {bo.workloadHint[locale]}
        </p>
      </div>
      <NoteField {...props} action="assign" label={bo.resolution[locale]} />
      <div class="actions">
        <button type="submit">{bo.assign[locale]}</button>
      </div>
    </form>
  );
}

/** The executor's draft of the result or of a reasoned refusal, from the template's fields. */
function DraftForm(props: FormProps & { outcome: 'result' | 'reasoned_refusal' }) {
  const locale = props.ctx.locale;
  const action = props.outcome === 'result' ? 'draft-result' : 'draft-refusal';
  const drafting = props.data.drafting[props.outcome];
  if (!drafting) return null;
  const fields = drafting.template.fields.filter(
    (field) => drafting.prefilled[field.key] === undefined,
  );
  const groundsError = errorOf(props, action, `${action}-grounds`);
  return (
    <form method="post" action={actionUrl(props, action)} id={`${action}-form`} novalidate>
      <h3>{props.outcome === 'result' ? bo.draftResult[locale] : bo.draftRefusal[locale]}</h3>
      <p class="hint">{inLocale(drafting.template.title, locale)}</p>
      <Envelope {...props} action={action} />
      {fields.map((field) =>
        field.key === 'grounds' ? (
          <fieldset class={groundsError ? 'field invalid' : 'field'} id={`${action}-grounds`}>
            <legend>{bo.grounds[locale]}</legend>
            {groundsError ? <span class="error">{groundsError}</span> : null}
            {props.data.refusalGrounds.map((ground, index) => (
              <div class="choice">
                <input
                  type="checkbox"
                  id={`${action}-ground-${index}`}
                  name="grounds"
                  value={`${ground.text.kk} / ${ground.text.ru}`}
                  checked={valuesOf(props, action, 'grounds').includes(
                    `${ground.text.kk} / ${ground.text.ru}`,
                  )}
                />
                <label for={`${action}-ground-${index}`}>{inLocale(ground.text, locale)}</label>
              </div>
            ))}
            <div class="field">
              <label for={`${action}-other-ground`}>{bo.otherGround[locale]}</label>
              <textarea id={`${action}-other-ground`} name="otherGround" maxlength={2000}>
                {valueOf(props, action, 'otherGround')}
              </textarea>
            </div>
          </fieldset>
        ) : (
          <TextField
            id={`${action}-${field.key}`}
            name={`field.${field.key}`}
            label={inLocale(field.label, locale)}
            value={
              props.state?.action === action
                ? valueOf(props, action, `field.${field.key}`)
                : (drafting.suggested[field.key] ?? '')
            }
            error={errorOf(props, action, `${action}-${field.key}`)}
            required={field.required}
            {...(field.format === 'year'
              ? {
                  inputmode: 'numeric' as const,
                  maxlength: 4,
                  pattern: '[0-9]{4}',
                  hint: bo.yearHint[locale],
                }
              : field.format === 'date'
                ? { type: 'date' as const }
                : { maxlength: 2000 })}
          />
        ),
      )}
      <NoteField {...props} action={action} />
      <div class="actions">
        <button type="submit" class={props.outcome === 'result' ? undefined : 'danger'}>
          {props.outcome === 'result' ? bo.prepareResult[locale] : bo.prepareRefusal[locale]}
        </button>
      </div>
    </form>
  );
}

/** The head signs the draft's SHA-256 with NCALayer (docs/web.md, "Signing with NCALayer"). */
function SignForm(props: FormProps) {
  const locale = props.ctx.locale;
  const draft = props.data.draft;
  if (!draft) return <p class="notice warn">{bo.noDraft[locale]}</p>;
  const error = errorOf(props, 'sign', 'sign-status');
  return (
    <form
      method="post"
      action={actionUrl(props, 'sign')}
      id="sign-form"
      data-ncalayer-sign
      data-ncalayer-url={props.ncaLayerUrl}
      data-ncalayer-error={bo.signFailed[locale]}
      data-ncalayer-working={bo.signWorking[locale]}
    >
      <h3>{bo.draftWaiting[locale]}</h3>
      <dl class="facts">
        <dt>{bo.number[locale]}</dt>
        <dd id="draft-number">{draft.number}</dd>
        <dt>{bo.signerNamed[locale]}</dt>
        <dd>{staffNameIn(draft.signerName, locale)}</dd>
        <dt>SHA-256</dt>
        <dd>
          <code id="draft-sha256">{draft.pdfSha256}</code>
        </dd>
      </dl>
      <p>
        <a href={`/back-office/applications/${props.data.view.id}/drafts/${draft.id}.pdf`}>
          {bo.viewDraft[locale]}
        </a>
      </p>
      <Envelope {...props} action="sign" />
      <input type="hidden" name="draftId" value={draft.id} />
      <input
        type="hidden"
        name="hash"
        value={Buffer.from(draft.pdfSha256, 'hex').toString('base64')}
        data-ncalayer-hash
      />
      <input type="hidden" name="cms" value="" data-ncalayer-cms />
      <p class="hint">{bo.signHint[locale]}</p>
      <p
        id="sign-status"
        role="status"
        aria-live="polite"
        data-ncalayer-status
        class={error ? 'error' : undefined}
      >
        {error ?? ''}
      </p>
      <div class="actions">
        <button type="submit">{bo.sign[locale]}</button>
      </div>
    </form>
  );
}

/** A step done with one button (registration, hand-over, issue), or answering its question. */
function CompleteForm(
  props: FormProps & {
    command: Extract<AvailableCommand, { kind: 'complete_step' }>;
    title: string;
  },
) {
  const locale = props.ctx.locale;
  const { command } = props;
  const answerError = errorOf(props, 'complete', 'complete-answer');
  const label = command.action === 'register' ? bo.register[locale] : bo.complete[locale];
  return (
    <form method="post" action={actionUrl(props, 'complete')} id="complete-form" novalidate>
      <h3>{props.title}</h3>
      <Envelope {...props} action="complete" stepId={command.stepId} />
      {command.question ? (
        <fieldset class={answerError ? 'field invalid' : 'field'} id="complete-answer">
          <legend>{inLocale(questionLabels[command.question], locale)}</legend>
          {answerError ? <span class="error">{answerError}</span> : null}
          {(['yes', 'no'] as const).map((answer) => (
            <div class="choice">
              <input
                type="radio"
                id={`complete-answer-${answer}`}
                name="answer"
                value={answer}
                checked={valueOf(props, 'complete', 'answer') === answer}
              />
              <label for={`complete-answer-${answer}`}>
                {answer === 'yes' ? bo.answerYes[locale] : bo.answerNo[locale]}
              </label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <NoteField {...props} action="complete" />
      <div class="actions">
        <button type="submit">{label}</button>
      </div>
    </form>
  );
}

const extensionUnits = ['working_days', 'calendar_days', 'months'] as const;

/** The head's term extension with a reason, within the regulation's maximum. */
function ExtendForm(props: FormProps) {
  const locale = props.ctx.locale;
  const max = props.data.maxExtension;
  const unitLabel = (unit: string) =>
    (timeUnitLabels as Record<string, { kk: string; ru: string; en: string }>)[unit]?.[locale] ??
    unit;
  return (
    <form method="post" action={actionUrl(props, 'extend')} id="extend-form" novalidate>
      <h3>{bo.extend[locale]}</h3>
      {max ? (
        <p class="hint">
          {bo.maxExtension[locale]}: {max.amount} {unitLabel(max.unit)}
        </p>
      ) : null}
      <Envelope {...props} action="extend" />
      <TextField
        id="extend-amount"
        name="amount"
        type="number"
        label={bo.extendBy[locale]}
        value={valueOf(props, 'extend', 'amount')}
        error={errorOf(props, 'extend', 'extend-amount')}
        inputmode="numeric"
        required
      />
      <div class="field">
        <label for="extend-unit">{bo.unit[locale]}</label>
        <select id="extend-unit" name="unit">
          {extensionUnits.map((unit) => (
            <option
              value={unit}
              selected={(valueOf(props, 'extend', 'unit') || max?.unit) === unit}
            >
              {unitLabel(unit)}
            </option>
          ))}
        </select>
      </div>
      <ReasonField {...props} action="extend" />
      <div class="actions">
        <button type="submit">{bo.extend[locale]}</button>
      </div>
    </form>
  );
}

function ReasonField(props: FormProps & { action: string }) {
  const id = `${props.action}-reason`;
  const error = errorOf(props, props.action, id);
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{bo.reason[props.ctx.locale]}</label>
      {error ? (
        <span class="error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      <textarea
        id={id}
        name="reason"
        maxlength={2000}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {valueOf(props, props.action, 'reason')}
      </textarea>
    </div>
  );
}

function SuspendForm(props: FormProps) {
  const locale = props.ctx.locale;
  return (
    <form method="post" action={actionUrl(props, 'suspend')} id="suspend-form" novalidate>
      <h3>{bo.suspend[locale]}</h3>
      <Envelope {...props} action="suspend" />
      <ReasonField {...props} action="suspend" />
      <div class="actions">
        <button type="submit" class="secondary">
          {bo.suspend[locale]}
        </button>
      </div>
    </form>
  );
}

/** The head sends the draft back to the executor with a comment (issue 18, point 7). */
function ReturnDraftForm(props: FormProps) {
  const locale = props.ctx.locale;
  const error = errorOf(props, 'return-draft', 'return-draft-comment');
  return (
    <form method="post" action={actionUrl(props, 'return-draft')} id="return-draft-form" novalidate>
      <h3>{bo.returnDraft[locale]}</h3>
      <Envelope {...props} action="return-draft" />
      <div class={error ? 'field invalid' : 'field'}>
        <label for="return-draft-comment">{bo.returnDraftComment[locale]}</label>
        <span class="hint" id="return-draft-comment-hint">
          {bo.returnDraftHint[locale]}
        </span>
        {error ? (
          <span class="error" id="return-draft-comment-error">
            {error}
          </span>
        ) : null}
        <textarea
          id="return-draft-comment"
          name="comment"
          maxlength={2000}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={
            error
              ? 'return-draft-comment-hint return-draft-comment-error'
              : 'return-draft-comment-hint'
          }
        >
          {valueOf(props, 'return-draft', 'comment')}
        </textarea>
      </div>
      <div class="actions">
        <button type="submit" class="secondary">
          {bo.returnDraft[locale]}
        </button>
      </div>
    </form>
  );
}

function ResumeForm(props: FormProps) {
  const locale = props.ctx.locale;
  return (
    <form method="post" action={actionUrl(props, 'resume')} id="resume-form" novalidate>
      <Envelope {...props} action="resume" />
      <div class="actions">
        <button type="submit">{bo.resume[locale]}</button>
      </div>
    </form>
  );
}

/** Every form the user may use now, as `listAvailableCommands` allows them. */
export function ActionForms(props: FormProps & { stepTitle: string }) {
  const locale: Locale = props.ctx.locale;
  const commands = props.data.view.availableCommands.filter(
    (command) => command.kind !== 'appeal' && command.kind !== 'answer_questionnaire',
  );
  if (commands.length === 0) return <p>{bo.noActions[locale]}</p>;
  return (
    <div class="action-forms">
      {commands.map((command) => {
        switch (command.kind) {
          case 'complete_step':
            if (command.action === 'assign_executor')
              return <AssignForm {...props} stepId={command.stepId} />;
            if (command.action === 'draft_result') return <DraftForm {...props} outcome="result" />;
            if (command.action === 'draft_refusal')
              return <DraftForm {...props} outcome="reasoned_refusal" />;
            if (command.action === 'review' && props.data.draftable.length > 0) {
              return (
                <>
                  {props.data.draftable.map((outcome) => (
                    <DraftForm {...props} outcome={outcome} />
                  ))}
                  {props.data.draftable.length < 2 ? (
                    <CompleteForm {...props} command={command} title={props.stepTitle} />
                  ) : null}
                </>
              );
            }
            // Issue 9: a front-office application's result goes back in the courier's return
            // register; the front office's acknowledgement completes this step (register-steps.ts).
            if (
              command.action === 'deliver_to_front_office' &&
              props.data.view.channel === 'front_office'
            )
              return (
                <p id="return-by-register" class="notice">
                  {bo.returnByRegister[locale]}
                </p>
              );
            return <CompleteForm {...props} command={command} title={props.stepTitle} />;
          case 'sign_document':
            // The executor who signs (akimat-2012-149) prepares the document at the signing step.
            return (
              <>
                {props.data.draft
                  ? null
                  : props.data.draftable.map((outcome) => (
                      <DraftForm {...props} outcome={outcome} />
                    ))}
                <SignForm {...props} />
              </>
            );
          case 'return_draft':
            return <ReturnDraftForm {...props} />;
          case 'extend_term':
            return <ExtendForm {...props} />;
          case 'suspend':
            return <SuspendForm {...props} />;
          case 'resume':
            return <ResumeForm {...props} />;
          case 'decide_appeal':
            return (
              <p>
                <a href="/back-office/appeals">{appealLinkText[locale]}</a>
              </p>
            );
          case 'sign_request':
            // The front-office operator signs the electronic request on the front office's
            // page (request-section.tsx), never in the back office.
            return null;
          default:
            return null;
        }
      })}
    </div>
  );
}
