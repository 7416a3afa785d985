import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/shared/domain-error.js';
import { demoFields } from '../../src/features/demo/demo-plan.js';
import { intakeChecklist } from '../../src/features/front-office/intake-catalog.js';
import {
  createSimulatorData,
  simulatorFixtures,
} from '../../src/integrations/simulator/synthetic-people.js';
import { listEvents } from '../../src/storage/application.repository.js';
import { createOrganisation, regulationCatalog } from '../support/applications.js';
import { testBackend } from '../support/database.js';
import { createFrontOfficeFixture } from '../support/front-office-web.js';

/*
 * Issue 16, defect 11: the registry failed after the applicant was identified, the operator
 * got a 503 — and an application already stood at `fo-person-lookup`, to go overdue and
 * escalate. Now the intake's lookups are asked before anything is created.
 */
const person = simulatorFixtures(createSimulatorData()).person;
const regulation = regulationCatalog().getById('national.duplicates.2020-01-01');

describe(`a registry failure at the front-office intake creates nothing, on ${testBackend}`, () => {
  let fixture: Awaited<ReturnType<typeof createFrontOfficeFixture>>;
  let failAfter = Number.POSITIVE_INFINITY;
  let personCalls = 0;
  const count = async (table: 'application' | 'application_event' | 'document') =>
    Number(
      (
        await fixture.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    fixture = await createFrontOfficeFixture();
    // The national duplicates (in force from 2020; Kostanay's own until 2020-02-09) at a Kostanay school, through kst-fo-1.
    fixture.clock.set('2020-03-02T05:00:00Z');
    await createOrganisation(fixture.database, {
      id: 'kst-school-1',
      kind: 'school',
      regionCode: 'kostanay',
      timeZone: 'Asia/Qostanay',
    });
    // The person database answers the identification, then stops answering.
    const findPerson = fixture.gateway.persons.findPerson.bind(fixture.gateway.persons);
    fixture.gateway.persons.findPerson = async (iin, context) => {
      personCalls += 1;
      if (personCalls > failAfter) {
        throw new DomainError('registry_unavailable', { system: 'person_database' }, 'down', true);
      }
      return findPerson(iin, context);
    };
  });
  afterAll(async () => {
    await fixture?.database.close();
  });

  const form = (formKey: string, locale = 'ru') =>
    fixture.post(
      '/front-office/applications/new',
      fixture.staff.operator,
      {
        action: 'accept',
        formKey,
        choice: 'duplicates|kst-school-1',
        applicantIin: person.iin,
        ...Object.fromEntries(
          Object.entries({
            ...demoFields(regulation, 'kst-fo-1'),
            'applicant-iin': person.iin,
          }).map(([id, value]) => [`field-${id}`, value]),
        ),
        ...Object.fromEntries(
          intakeChecklist(regulation).map((document) => [`check-${document.id}`, 'present']),
        ),
        consentGiven: 'yes',
        requestSigned: 'yes',
      },
      { locale },
    );

  it('identification answered, the lookup does not: 503, the form says nothing was created', async () => {
    personCalls = 0;
    // The page identifies (1), the intake identifies again (2), then the lookup (3) fails.
    failAfter = 2;
    const ru = await form('registry-down-0001');
    expect(ru.status).toBe(503);
    const html = await ru.text();
    expect(html).toContain('заявление не зарегистрировано: ничего не создано');
    expect(html).toContain(`value="${person.iin}"`);
    expect(personCalls).toBe(3);
    personCalls = 0;
    const kk = await form('registry-down-0002', 'kk');
    expect(kk.status).toBe(503);
    expect(await kk.text()).toContain('өтініш тіркелмеді: ештеңе жасалған жоқ');
    expect(await count('application')).toBe(0);
    expect(await count('application_event')).toBe(0);
    expect(await count('document')).toBe(0);
  });

  it('once the registry answers again, Accept takes it once, the lookup recorded at its step', async () => {
    personCalls = 0;
    failAfter = Number.POSITIVE_INFINITY;
    const accepted = await form('registry-down-0001');
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toMatch(/taken=accepted$/);
    const applications = await fixture.database.db
      .selectFrom('application')
      .select(['id', 'current_step_id'])
      .execute();
    expect(applications).toHaveLength(1);
    expect(applications[0]!.current_step_id).not.toBe('fo-person-lookup');
    const events = await listEvents(fixture.database.db, applications[0]!.id);
    const lookedUp = events.find(
      (event) => event.type === 'step_completed' && event.stepId === 'fo-person-lookup',
    );
    expect(lookedUp).toMatchObject({
      stepId: 'fo-person-lookup',
      answer: true,
      lookup: [{ registry: 'person-database', subject: 'applicant', found: true }],
    });
    // Identified twice and looked up once before submitting; the step did not ask again.
    expect(personCalls).toBe(3);
  });
});
