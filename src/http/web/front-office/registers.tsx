import { randomUUID } from 'node:crypto';
import { StaffRole } from '../../../domain/shared/roles.js';
import type { Locale } from '../../../domain/shared/locale.js';
import {
  acknowledgeCourierRegister,
  createCourierRegister,
  getCourierRegister,
  listCourierRegistersFor,
  listRegisterCandidates,
  RegisterDirection,
} from '../../../features/front-office/courier-registers.js';
import { DueTime, NameIn, RowsTable, Table } from '../components.js';
import { readForm } from '../form.js';
import { CsrfField, Notice, type PageContext } from '../layout.js';
import { definePage } from '../page.js';
import { requireStaff } from '../page-context.js';
import type { WebContext } from '../web-env.js';
import { FoPage, frontOfficeContext, frontOfficeRoles, staffOf } from './components.js';
import { fo } from './texts.js';

const directionText = { to_provider: fo.toProvider, to_front_office: fo.toFrontOffice } as const;

type Candidates = Awaited<ReturnType<typeof listRegisterCandidates>>;
type Registers = Awaited<ReturnType<typeof listCourierRegistersFor>>;

/** The applications waiting to go to one provider (or back), and the courier's hand-over. */
function CandidateGroup(props: {
  ctx: PageContext;
  group: Candidates[number];
  isCourier: boolean;
}) {
  const { ctx, group } = props;
  const { locale } = ctx;
  return (
    <section class="register-group">
      <h3>
        <NameIn name={group.providerName} locale={locale} /> —{' '}
        {directionText[group.direction][locale]}
      </h3>
      <ul>
        {group.applications.map((row) => (
          <li data-number={row.number}>
            <a href={`/front-office/applications/${row.id}`}>{row.number}</a> — {fo.due[locale]}:{' '}
            <DueTime at={row.stepDueAt ?? row.dueAt} />
          </li>
        ))}
      </ul>
      {props.isCourier ? (
        <form method="post" action="/front-office/registers">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="providerOrganisationId" value={group.providerOrganisationId} />
          <input type="hidden" name="direction" value={group.direction} />
          <input type="hidden" name="formKey" value={randomUUID()} />
          <button type="submit">
            {fo.createRegister[locale]}
            <span class="visually-hidden">
              {' '}
              <NameIn name={group.providerName} locale={locale} />,{' '}
              {directionText[group.direction][locale]}
            </span>
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** When a register was acknowledged, or that it is not yet. */
function Acknowledged(props: { at: Date | null | undefined; locale: Locale }) {
  return props.at ? <DueTime at={props.at} /> : <>{fo.notAcknowledged[props.locale]}</>;
}

function RegistersTable(props: { locale: Locale; registers: Registers }) {
  const { locale } = props;
  return (
    <RowsTable
      headings={[
        fo.register[locale],
        fo.direction[locale],
        fo.createdAt[locale],
        fo.acknowledgedAt[locale],
      ]}
      rows={props.registers}
      empty={fo.nothing[locale]}
      row={(register) => (
        <tr>
          <th scope="row">
            <a href={`/front-office/registers/${register.id}`}>{register.number}</a>
          </th>
          <td>{directionText[register.direction][locale]}</td>
          <td>
            <DueTime at={register.createdAt} />
          </td>
          <td>
            <Acknowledged at={register.acknowledgedAt} locale={locale} />
          </td>
        </tr>
      )}
    />
  );
}

/** /front-office/registers: candidates per provider, the courier's hand-over, every register. */
export const registersPage = definePage({
  path: '/front-office/registers',
  guard: (c) => requireStaff(c, frontOfficeRoles),
  load: async (c, user) => {
    const services = c.get('deps').applications;
    const staff = staffOf(user);
    const [candidates, registers] = await Promise.all([
      listRegisterCandidates(services, staff),
      listCourierRegistersFor(services, staff),
    ]);
    return { candidates, registers, isCourier: user.roles.includes(StaffRole.courier) };
  },
  View: ({ ctx, data: { candidates, registers, isCourier } }) => {
    const { locale } = ctx;
    return (
      <FoPage ctx={ctx} title={fo.registers[locale]} current="/front-office/registers">
        <h1>{fo.registers[locale]}</h1>
        <section>
          <h2>{fo.candidates[locale]}</h2>
          {candidates.length === 0 ? <p>{fo.nothing[locale]}</p> : null}
          {candidates.map((group) => (
            <CandidateGroup ctx={ctx} group={group} isCourier={isCourier} />
          ))}
        </section>
        <section>
          <h2>{fo.allRegisters[locale]}</h2>
          <RegistersTable locale={locale} registers={registers} />
        </section>
      </FoPage>
    );
  },
  action: async (c) => {
    const user = await requireStaff(c, [StaffRole.courier]);
    const posted = await readForm(c);
    const direction = RegisterDirection.safeParse(posted.field('direction'));
    const formKey = posted.field('formKey');
    const register = await createCourierRegister(frontOfficeContext(c), staffOf(user), {
      providerOrganisationId: posted.field('providerOrganisationId'),
      direction: direction.success ? direction.data : ('' as never),
      ...(formKey ? { formKey } : {}),
    });
    return c.redirect(`/front-office/registers/${register.id}`, 303);
  },
});

type Found = Awaited<ReturnType<typeof getCourierRegister>>;

function RegisterView(props: {
  ctx: PageContext;
  found: Found;
  acknowledged: boolean;
  acknowledgeView: boolean;
}) {
  const { ctx, found } = props;
  const { locale } = ctx;
  const { register } = found;
  const title = `${fo.register[locale]} ${register.number}`;
  return (
    <FoPage
      ctx={ctx}
      title={title}
      current={props.acknowledgeView ? undefined : '/front-office/registers'}
    >
      <h1>{title}</h1>
      {props.acknowledged ? (
        <Notice tone="ok" role="status">
          <p>{fo.acknowledgedAt[locale]}</p>
        </Notice>
      ) : null}
      <dl class="facts">
        <dt>{fo.direction[locale]}</dt>
        <dd>{directionText[register.direction][locale]}</dd>
        <dt>{fo.frontOffice[locale]}</dt>
        <dd>
          <NameIn name={found.frontOfficeName} locale={locale} />
        </dd>
        <dt>{fo.provider[locale]}</dt>
        <dd>
          <NameIn name={found.providerName} locale={locale} />
        </dd>
        <dt>{fo.createdAt[locale]}</dt>
        <dd>
          <DueTime at={register.createdAt} />
        </dd>
        <dt>{fo.acknowledgedAt[locale]}</dt>
        <dd id="acknowledged">
          <Acknowledged at={register.acknowledgedAt} locale={locale} />
        </dd>
      </dl>
      {register.documentId ? (
        <p>
          <a id="register-pdf" href={`/documents/${register.documentId}.pdf`}>
            {fo.registerPdf[locale]}
          </a>
        </p>
      ) : null}
      <Table
        caption={fo.packages[locale]}
        headings={[
          fo.number[locale],
          fo.service[locale],
          fo.applicant[locale],
          fo.status[locale],
          fo.due[locale],
        ]}
      >
        {found.items.map((item) => (
          <tr>
            <th scope="row">{item.number}</th>
            <td>
              <NameIn name={item.serviceName} locale={locale} />
            </td>
            <td>{item.applicantIin}</td>
            <td>{item.statusLabel[locale]}</td>
            <td class="due">
              <DueTime at={item.stepDueAt} />
            </td>
          </tr>
        ))}
      </Table>
      {found.canAcknowledge ? (
        <form method="post" action={`/front-office/registers/${register.id}/acknowledge`}>
          <CsrfField ctx={ctx} />
          <div class="actions">
            <button type="submit">{fo.acknowledge[locale]}</button>
          </div>
        </form>
      ) : null}
    </FoPage>
  );
}

const registerPath = '/front-office/registers/:id{[0-9a-fA-F-]{36}}';

const loadRegister = async (c: WebContext, user: Awaited<ReturnType<typeof requireStaff>>) => ({
  found: await getCourierRegister(c.get('deps').applications, staffOf(user), c.req.param('id')!),
  acknowledged: Boolean(c.req.query('acknowledged')),
});

/** /front-office/registers/:id: one register, its packages and its PDF. */
export const registerPage = definePage({
  path: registerPath,
  guard: (c) => requireStaff(c),
  load: loadRegister,
  View: ({ ctx, data }) => <RegisterView ctx={ctx} {...data} acknowledgeView={false} />,
});

/**
 * /front-office/registers/:id/acknowledge: the same register where the provider's registry
 * office (or the front office, for returned results) acknowledges it.
 */
export const registerAcknowledgePage = definePage({
  path: `${registerPath}/acknowledge`,
  guard: (c) => requireStaff(c),
  load: loadRegister,
  View: ({ ctx, data }) => <RegisterView ctx={ctx} {...data} acknowledgeView />,
  action: async (c) => {
    const user = await requireStaff(c, [StaffRole.registryOffice, StaffRole.frontOfficeOperator]);
    await acknowledgeCourierRegister(c.get('deps').applications, staffOf(user), c.req.param('id')!);
    return c.redirect(
      `/front-office/registers/${c.req.param('id')}/acknowledge?acknowledged=1`,
      303,
    );
  },
});
