import type { PageContext } from '../layout.js';
import { sandboxText } from '../portal/sandbox-texts.js';
import { fo } from './texts.js';

/**
 * The sandbox's "as of" chooser on the front office's intake (docs/sandbox.md): a past date
 * (remembered like the portal's, `src/http/web/portal/as-of.ts`) under which the services,
 * the providers and the submission are taken; or today. Shown only in a sandbox installation.
 */
export function IntakeAsOfChooser(props: {
  ctx: PageContext;
  asOf: string | undefined;
  today: string;
}) {
  const { locale } = props.ctx;
  const action = '/front-office/applications/new';
  return (
    <form method="get" action={action} class="as-of-chooser">
      <div class="field">
        <label for="asOf">{sandboxText.asOf[locale]}</label>
        <span class="hint" id="asOf-hint">
          {fo.asOfHint[locale]}
        </span>
        <input
          id="asOf"
          name="asOf"
          type="date"
          value={props.asOf ?? props.today}
          max={props.today}
          aria-describedby="asOf-hint"
        />
      </div>
      <div class="actions">
        <button type="submit" class="secondary">
          {sandboxText.choose[locale]}
        </button>{' '}
        <a href={`${action}?asOf=`}>{sandboxText.today[locale]}</a>
      </div>
    </form>
  );
}
