import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchDeadlines } from '../../src/features/deadlines/watch-deadlines.js';
import { createBackOfficeFixture, type BackOfficeFixture } from '../support/back-office.js';
import { regulationCatalog } from '../support/applications.js';
import { jobServices } from '../support/jobs.js';

describe('the back office’s escalation list names the steps as the regulation does', () => {
  let f: BackOfficeFixture;
  beforeAll(async () => {
    f = await createBackOfficeFixture();
  });
  afterAll(async () => {
    await f.database.close();
  });

  it('shows the step’s kk and ru description instead of its id, in both tables', async () => {
    const { applicationId, number } = await f.submit();
    await f.command(f.staff.registry, applicationId, { kind: 'complete_step', stepId: 'register' });
    const view = (await (
      await f.call('GET', `/api/v1/applications/${applicationId}`, { token: f.staff.head.token })
    ).json()) as { regulationId: string; currentStep: { id: string; dueAt: string } };
    expect(view.currentStep.id).toBe('assign');
    f.clock.set(
      new Date(new Date(view.currentStep.dueAt).getTime() + 7 * 86_400_000).toISOString(),
    );
    const round = await watchDeadlines(jobServices(f.database, f.clock.now));
    expect(round.escalations).toBeGreaterThan(0);
    const head = await f.logIn(f.staff.head);

    const regulation = regulationCatalog().findById(view.regulationId)!;
    const step = regulation.channels
      .flatMap((flow) => flow.steps)
      .find((candidate) => candidate.id === 'assign')!;
    for (const lang of ['kk', 'ru'] as const) {
      const response = await f.app.request('/back-office/escalations', {
        headers: { cookie: `${head.cookie.replace(/qyzmet_lang=\w+/, '')}; qyzmet_lang=${lang}` },
      });
      expect(response.status).toBe(200);
      const html = await response.text();
      const escalations = html.slice(
        html.indexOf('id="escalations"'),
        html.indexOf('id="overdue"'),
      );
      const overdue = html.slice(html.indexOf('id="overdue"'));
      expect(escalations).toContain(number);
      expect(overdue).toContain(number);
      const label = step.description[lang].replace(/&/g, '&amp;').replace(/"/g, '&quot;');
      expect(escalations).toContain(`<span data-step="assign">${label}</span>`);
      expect(overdue).toContain(`<span data-step="assign">${label}</span>`);
      // No cell holds the raw id.
      expect(html).not.toMatch(/<td[^>]*>assign<\/td>/);
    }
  });
});
