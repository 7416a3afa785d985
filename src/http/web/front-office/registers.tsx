import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { StaffRole } from '../../../domain/shared/roles.js';
import {
  acknowledgeCourierRegister,
  createCourierRegister,
  getCourierRegister,
  listCourierRegistersFor,
  listRegisterCandidates,
  RegisterDirection,
} from '../../../features/front-office/courier-registers.js';
import { CsrfField, Notice } from '../layout.js';
import { nameIn } from '../messages.js';
import { pageContext, render, requireStaff } from '../page-context.js';
import type { WebContext, WebEnv } from '../web-env.js';
import {
  Due,
  FoPage,
  formField,
  frontOfficeContext,
  frontOfficeRoles,
  staffOf,
} from './components.js';
import { fo } from './texts.js';

const directionText = { to_provider: fo.toProvider, to_front_office: fo.toFrontOffice } as const;

/** Courier registers: candidates per provider, hand-over, the register and its acknowledgement. */
export function mountRegisters(routes: Hono<WebEnv>): void {
  routes.get('/front-office/registers', async (c) => {
    const user = await requireStaff(c, frontOfficeRoles);
    const ctx = await pageContext(c);
    const { locale } = ctx;
    const services = c.get('deps').applications;
    const staff = staffOf(user);
    const [candidates, registers] = await Promise.all([
      listRegisterCandidates(services, staff),
      listCourierRegistersFor(services, staff),
    ]);
    const isCourier = user.roles.includes(StaffRole.courier);
    return render(
      c,
      <FoPage ctx={ctx} title={fo.registers[locale]} current="/front-office/registers">
        <h1>{fo.registers[locale]}</h1>
        <section>
          <h2>{fo.candidates[locale]}</h2>
          {candidates.length === 0 ? <p>{fo.nothing[locale]}</p> : null}
          {candidates.map((group) => (
            <section class="register-group">
              <h3>
                {nameIn(group.providerName, locale)} — {directionText[group.direction][locale]}
              </h3>
              <ul>
                {group.applications.map((row) => (
                  <li data-number={row.number}>
                    <a href={`/front-office/applications/${row.id}`}>{row.number}</a> —{' '}
                    {fo.due[locale]}: <Due at={row.stepDueAt ?? row.dueAt} />
                  </li>
                ))}
              </ul>
              {isCourier ? (
                <form method="post" action="/front-office/registers">
                  <CsrfField ctx={ctx} />
                  <input
                    type="hidden"
                    name="providerOrganisationId"
                    value={group.providerOrganisationId}
                  />
                  <input type="hidden" name="direction" value={group.direction} />
                  <input type="hidden" name="formKey" value={randomUUID()} />
                  <button type="submit">
                    {fo.createRegister[locale]}
                    <span class="visually-hidden">
                      {' '}
                      {nameIn(group.providerName, locale)}, {directionText[group.direction][locale]}
                    </span>
                  </button>
                </form>
              ) : null}
            </section>
          ))}
        </section>
        <section>
          <h2>{fo.allRegisters[locale]}</h2>
          {registers.length === 0 ? (
            <p>{fo.nothing[locale]}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{fo.register[locale]}</th>
                    <th scope="col">{fo.direction[locale]}</th>
                    <th scope="col">{fo.createdAt[locale]}</th>
                    <th scope="col">{fo.acknowledgedAt[locale]}</th>
                  </tr>
                </thead>
                <tbody>
                  {registers.map((register) => (
                    <tr>
                      <th scope="row">
                        <a href={`/front-office/registers/${register.id}`}>{register.number}</a>
                      </th>
                      <td>{directionText[register.direction][locale]}</td>
                      <td>
                        <Due at={register.createdAt} />
                      </td>
                      <td>
                        {register.acknowledgedAt ? (
                          <Due at={register.acknowledgedAt} />
                        ) : (
                          fo.notAcknowledged[locale]
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </FoPage>,
    );
  });

  routes.post('/front-office/registers', async (c) => {
    const user = await requireStaff(c, [StaffRole.courier]);
    const form = await c.req.parseBody();
    const direction = RegisterDirection.safeParse(formField(form, 'direction'));
    const formKey = formField(form, 'formKey');
    const register = await createCourierRegister(frontOfficeContext(c), staffOf(user), {
      providerOrganisationId: formField(form, 'providerOrganisationId'),
      direction: direction.success ? direction.data : ('' as never),
      ...(formKey ? { formKey } : {}),
    });
    return c.redirect(`/front-office/registers/${register.id}`, 303);
  });

  const showRegister = (acknowledgeView: boolean) => async (c: WebContext) => {
    const user = await requireStaff(c);
    const ctx = await pageContext(c);
    const { locale } = ctx;
    const found = await getCourierRegister(
      c.get('deps').applications,
      staffOf(user),
      new URL(c.req.url).pathname.split('/')[3] ?? '',
    );
    const { register } = found;
    const title = `${fo.register[locale]} ${register.number}`;
    return render(
      c,
      <FoPage
        ctx={ctx}
        title={title}
        current={acknowledgeView ? undefined : '/front-office/registers'}
      >
        <h1>{title}</h1>
        {c.req.query('acknowledged') ? (
          <Notice tone="ok" role="status">
            <p>{fo.acknowledgedAt[locale]}</p>
          </Notice>
        ) : null}
        <dl class="facts">
          <dt>{fo.direction[locale]}</dt>
          <dd>{directionText[register.direction][locale]}</dd>
          <dt>{fo.frontOffice[locale]}</dt>
          <dd>{nameIn(found.frontOfficeName, locale)}</dd>
          <dt>{fo.provider[locale]}</dt>
          <dd>{nameIn(found.providerName, locale)}</dd>
          <dt>{fo.createdAt[locale]}</dt>
          <dd>
            <Due at={register.createdAt} />
          </dd>
          <dt>{fo.acknowledgedAt[locale]}</dt>
          <dd id="acknowledged">
            {register.acknowledgedAt ? (
              <Due at={register.acknowledgedAt} />
            ) : (
              fo.notAcknowledged[locale]
            )}
          </dd>
        </dl>
        {register.documentId ? (
          <p>
            <a id="register-pdf" href={`/documents/${register.documentId}.pdf`}>
              {fo.registerPdf[locale]}
            </a>
          </p>
        ) : null}
        <div class="table-wrap">
          <table>
            <caption>{fo.packages[locale]}</caption>
            <thead>
              <tr>
                <th scope="col">{fo.number[locale]}</th>
                <th scope="col">{fo.service[locale]}</th>
                <th scope="col">{fo.applicant[locale]}</th>
                <th scope="col">{fo.status[locale]}</th>
                <th scope="col">{fo.due[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {found.items.map((item) => (
                <tr>
                  <th scope="row">{item.number}</th>
                  <td>{nameIn(item.serviceName, locale)}</td>
                  <td>{item.applicantIin}</td>
                  <td>{item.statusLabel[locale]}</td>
                  <td class="due">
                    <Due at={item.stepDueAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {found.canAcknowledge ? (
          <form method="post" action={`/front-office/registers/${register.id}/acknowledge`}>
            <CsrfField ctx={ctx} />
            <div class="actions">
              <button type="submit">{fo.acknowledge[locale]}</button>
            </div>
          </form>
        ) : null}
      </FoPage>,
    );
  };
  const registerId = '/front-office/registers/:id{[0-9a-fA-F-]{36}}';
  routes.get(registerId, showRegister(false));
  // The provider's registry office (or the front office, for returned results) acknowledges here.
  routes.get(`${registerId}/acknowledge`, showRegister(true));
  routes.post(`${registerId}/acknowledge`, async (c) => {
    const user = await requireStaff(c, [StaffRole.registryOffice, StaffRole.frontOfficeOperator]);
    await acknowledgeCourierRegister(c.get('deps').applications, staffOf(user), c.req.param('id'));
    return c.redirect(
      `/front-office/registers/${c.req.param('id')}/acknowledge?acknowledged=1`,
      303,
    );
  });
}
