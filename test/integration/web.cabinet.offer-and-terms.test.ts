import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { completeStep } from '../../src/features/applications/complete-step.js';
import { extendTerm } from '../../src/features/applications/extend-term.js';
import { resumeApplication } from '../../src/features/applications/resume-application.js';
import { suspendApplication } from '../../src/features/applications/suspend-application.js';
import { formatDateTime } from '../../src/http/web/messages.js';
import { recordSystemAnswer } from '../../src/features/applications/record-system-answer.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { demoFields } from '../../src/features/demo/demo-plan.js';
import { registerProvenCitizen } from '../support/citizens.js';
import { composeApp } from '../../src/cli/compose.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { listEvents } from '../../src/storage/application.repository.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
  regulationCatalog,
} from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';

const citizen = { iin: '900101300007', password: 'Qazaq2026', phone: '+77020001122' };

describe(`the kindergarten place offer in the cabinet on ${testBackend} (seed: South Kazakhstan queue)`, () => {
  let database: DatabaseHandle;
  // The regulation was in force in the first half of 2013: Tuesday 5 February 2013, 11:00.
  const clock = manualClock('2013-02-05T05:00:00Z');
  let app: ReturnType<typeof composeApp>;
  const sms = new InMemorySmsOutbox();
  const jar: Record<string, string> = {};
  let applicationId: string;
  let services: ReturnType<typeof applicationServices>;

  const request = (path: string, init: RequestInit = {}) =>
    app.request(path, {
      ...init,
      headers: {
        accept: 'text/html',
        'accept-language': 'ru',
        cookie: Object.entries(jar)
          .map(([name, value]) => `${name}=${value}`)
          .join('; '),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const keep = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [name, value] = header.split(';')[0]!.split('=');
      jar[name!] = value!;
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    services = applicationServices(database, clock.now);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    app = composeApp({
      config,
      logger: createLogger(config),
      database,
      now: clock.now,
      sms,
      applications: services,
    });
    await createOrganisation(database, {
      id: 'sko-education-shymkent',
      kind: 'district_education_department',
      regionCode: 'south_kazakhstan',
    });
    const head = await createStaff(database, 'sko-education-shymkent', 'south_kazakhstan', [
      'head',
    ]);
    const executor = await createStaff(database, 'sko-education-shymkent', 'south_kazakhstan', [
      'executor',
    ]);
    await registerProvenCitizen({ db: database.db }, citizen, clock.now());
    const regulation = regulationCatalog().getById(
      'south-kazakhstan.kindergarten-queue.2012-12-26',
    );
    const submitted = await submitApplication(
      services,
      { kind: 'citizen', iin: citizen.iin },
      {
        idempotencyKey: 'offer-submit',
        serviceCode: 'kindergarten-queue',
        channel: 'portal',
        applicantIin: citizen.iin,
        providerOrganisationId: 'sko-education-shymkent',
        fields: demoFields(regulation),
      },
    );
    applicationId = submitted.applicationId;
    await completeStep(services, head, {
      idempotencyKey: 'offer-accept',
      applicationId,
      stepId: 'accept',
      executorId: executor.staffId,
    });
    await completeStep(services, executor, {
      idempotencyKey: 'offer-decide',
      applicationId,
      stepId: 'decide',
      answer: true,
    });
    await recordSystemAnswer(
      services,
      { kind: 'system' },
      {
        idempotencyKey: 'offer-vacancy',
        applicationId,
        question: 'place_available',
        answer: true,
        source: 'test allocation run',
      },
    );
    await completeStep(services, executor, {
      idempotencyKey: 'offer-place',
      applicationId,
      stepId: 'offer-place',
    });

    const post = (path: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const login = await post('/api/auth/login', { iin: citizen.iin, password: citizen.password });
    const { challengeId } = (await login.json()) as { challengeId: string };
    keep(
      await post('/api/auth/login/confirm', { challengeId, code: sms.lastCodeTo(citizen.phone) }),
    );
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('offers the applicant the place to accept or decline, and records the answer once', async () => {
    const page = await request(`/cabinet/applications/${applicationId}`);
    expect(page.status).toBe(200);
    keep(page);
    const html = await page.text();
    expect(html).toContain('Место принято?');
    expect(html).toContain('name="stepId" value="await-answer"');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(html)![1]!;
    const version = /name="expectedVersion" value="(\d+)"/.exec(html)![1]!;

    const body = new URLSearchParams({
      _csrf: jar.qyzmet_csrf!,
      idempotencyKey: key,
      stepId: 'await-answer',
      expectedVersion: version,
      answer: 'yes',
    });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await request(`/cabinet/applications/${applicationId}/steps`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(response.status).toBe(303);
    }
    const answers = (await listEvents(database.db, applicationId)).filter(
      (event) => event.type === 'step_completed' && event.stepId === 'await-answer',
    );
    expect(answers).toMatchObject([{ answer: true, actor: { kind: 'citizen', iin: citizen.iin } }]);
    const after = await (await request(`/cabinet/applications/${applicationId}?done=step`)).text();
    expect(after).toContain('Ваш ответ принят.');
    expect(after).not.toContain('value="await-answer"');
  });

  it('shows a term extension with its reason and the new due, and a suspension with its reason', async () => {
    await createOrganisation(database, {
      id: 'sko-archive',
      kind: 'archive',
      regionCode: 'south_kazakhstan',
    });
    const head = await createStaff(database, 'sko-archive', 'south_kazakhstan', ['head']);
    const regulation = regulationCatalog().getById(
      'south-kazakhstan.archive-certificate.2012-12-26',
    );
    const submitted = await submitApplication(
      services,
      { kind: 'citizen', iin: citizen.iin },
      {
        idempotencyKey: 'terms-submit',
        serviceCode: 'archive-certificate',
        channel: 'portal',
        applicantIin: citizen.iin,
        providerOrganisationId: 'sko-archive',
        fields: demoFields(regulation),
      },
    );
    const extended = await extendTerm(services, head, {
      idempotencyKey: 'terms-extend',
      applicationId: submitted.applicationId,
      reason: 'Запрос в другой архив',
      by: { amount: 10, unit: 'calendar_days' },
    });
    await suspendApplication(services, head, {
      idempotencyKey: 'terms-suspend',
      applicationId: submitted.applicationId,
      reason: 'Ожидаются документы заявителя',
    });
    clock.set('2013-02-05T05:20:00Z');
    const resumed = await resumeApplication(services, head, {
      idempotencyKey: 'terms-resume',
      applicationId: submitted.applicationId,
    });
    const response = await request(`/cabinet/applications/${submitted.applicationId}`);
    const html = await response.text();
    const section = (id: string) =>
      html.slice(html.indexOf(`id="${id}"`), html.indexOf('</table>', html.indexOf(`id="${id}"`)));
    expect(section('extensions')).toContain('Запрос в другой архив');
    expect(section('extensions')).toContain('10 календ. дн.');
    expect(section('suspensions')).toContain('Ожидаются документы заявителя');
    expect(section('suspensions')).toContain(
      formatDateTime(new Date('2013-02-05T05:20:00Z'), 'ru'),
    );
    expect(section('history')).toContain('Срок продлён — Причина: Запрос в другой архив');
    // The due shown is the engine's, after the extension and the day of suspension.
    expect(resumed.dueAt).not.toBe(extended.dueAt);
    const due = html.slice(html.indexOf('id="application-due"'));
    expect(due).toMatch(
      new RegExp(`^id="application-due"><time datetime="${resumed.dueAt as string}"`),
    );
    const notifications = await (await request('/cabinet/notifications')).text();
    expect(notifications).toContain('продлен');
    expect(notifications).toContain('Причина: Запрос в другой архив');
  });
});
