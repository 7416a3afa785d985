import { foldApplication, getFlow, getStep } from '../../domain/application/fold.js';
import { addRegulationDuration } from '../../domain/application/term-arithmetic.js';
import { ActorRole } from '../../domain/shared/roles.js';
import {
  ConcurrentAppendError,
  findApplicationById,
  listEvents,
} from '../../storage/application.repository.js';
import { listStoredResults, lockApplicationRow } from '../../storage/deadline.repository.js';
import { applicationNow, clockOf } from '../../engine/application-services.js';
import { recordEvents } from '../../engine/record-events.js';
import type { JobServices } from '../job-services.js';

const pageSize = 200;
const storageActor = { kind: 'system', process: 'front-office-storage' } as const;

/**
 * The end of storage at the front office: "невостребованные результаты хранятся в течение
 * одного месяца, после чего передаются услугодателю" (digest, front office flow; e.g. akimat-2016-285,
 * duplicates; the regulation's `frontOfficeStorage.keepFor`). An application whose result has
 * waited at a front-office issue step longer than that is handed back to the provider: a
 * `handed_back` event recorded through the engine (audit row and notification included).
 * Only regulations that state the storage term are concerned. Returns how many were handed back.
 */
export async function handBackStoredResults(services: JobServices): Promise<number> {
  const withStorage = new Map(
    services.regulations.all
      .filter((regulation) => regulation.frontOfficeStorage !== undefined)
      .map((regulation) => [regulation.id, regulation]),
  );
  let handedBack = 0;
  let afterId: string | null = null;
  for (;;) {
    const page = await listStoredResults(services.db, {
      regulationIds: [...withStorage.keys()],
      afterId,
      limit: pageSize,
    });
    for (const { id } of page) {
      if (await handBackIfExpired(services, id)) handedBack += 1;
    }
    if (page.length < pageSize) return handedBack;
    afterId = page.at(-1)!.id;
  }
}

async function handBackIfExpired(services: JobServices, applicationId: string): Promise<boolean> {
  const realNow = services.now();
  try {
    return await services.db.transaction().execute(async (trx) => {
      if (!(await lockApplicationRow(trx, applicationId))) return false;
      const record = await findApplicationById(trx, applicationId);
      if (!record) return false;
      const regulation = services.regulations.getById(record.regulationId);
      const storage = regulation.frontOfficeStorage;
      if (!storage) return false;
      const { clock } = await clockOf(
        services,
        trx,
        record.providerOrganisationId,
        record.frontOfficeId ?? undefined,
      );
      const events = await listEvents(trx, applicationId);
      const state = foldApplication(regulation, events, clock);
      // A sandbox application's storage runs on its own clock (docs/sandbox.md).
      const now = applicationNow(realNow, record.clockOffsetMs);
      if (state.status !== 'result_ready' || !state.currentStepId) return false;
      const step = getStep(getFlow(regulation, state.channel), state.currentStepId);
      if (step.actor !== ActorRole.frontOfficeOperator || state.stepStartedAt === undefined)
        return false;
      const storedUntil = addRegulationDuration(
        clock.frontOffice ?? clock.provider,
        state.stepStartedAt,
        storage.keepFor,
        { afterHoursCountsFromNextWorkingDay: false },
      );
      if (now.getTime() < storedUntil) return false;
      await recordEvents(
        trx,
        {
          id: record.id,
          number: record.number,
          regulation,
          clock,
          events,
          clockOffsetMs: record.clockOffsetMs,
        },
        storageActor,
        [{ type: 'handed_back' }],
        now,
      );
      return true;
    });
  } catch (error) {
    // A command changed the application meanwhile: look again next round.
    if (error instanceof ConcurrentAppendError) return false;
    throw error;
  }
}
