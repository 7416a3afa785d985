import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { generateIin } from '../../src/domain/identity/identity-number-generator.js';
import { Sex } from '../../src/domain/identity/iin.js';
import { confirmCitizenLogin } from '../../src/features/identity/confirm-citizen-login.js';
import { registerProvenCitizen } from './citizens.js';
import { startCitizenLogin } from '../../src/features/identity/start-citizen-login.js';
import { composeApp } from '../../src/cli/compose.js';
import { createRegistrySimulator } from '../../src/integrations/simulator/registry-simulator.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { applicationServices, createOrganisation, manualClock } from './applications.js';
import { createTestDatabase } from './database.js';

/** The national duplicates (seed 002): the portal channel with OTP certification. */
export const duplicatesRegulationId = 'national.duplicates.2020-01-01';

/**
 * The web app on a fresh database with a Kostanay school and front office (where the national
 * duplicates apply), an SMS outbox and a manual clock; `citizen(n)` registers and signs in
 * a citizen and returns their session cookie; `csrf(cookie)` gets a page's anti-forgery token.
 */
export async function createPortalFixture(
  start = '2026-03-02T05:00:00Z',
  options: { sandbox?: boolean } = {},
) {
  const database: DatabaseHandle = await createTestDatabase();
  const clock = manualClock(start);
  const sms = new InMemorySmsOutbox();
  // The registries (simulator): tests bind their citizens' phones in its БМГ.
  const registries = createRegistrySimulator();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...(options.sandbox ? { SANDBOX: 'true' } : {}),
  });
  const app = composeApp({
    config,
    logger: createLogger(config),
    database,
    now: clock.now,
    sms,
    registries,
    applications: {
      ...applicationServices(database, clock.now),
      ...(options.sandbox ? { sandbox: true } : {}),
    },
  });
  await createOrganisation(database, {
    id: 'kst-school-1',
    kind: 'school',
    regionCode: 'kostanay',
  });
  await createOrganisation(database, {
    id: 'kst-front-office',
    kind: 'front_office',
    regionCode: 'kostanay',
  });

  /** Registers citizen number `n` and returns the cookie of a signed-in session. */
  const citizen = async (n: number) => {
    const iin = generateIin('1990-01-15', Sex.female, 7000 + n);
    const phone = `+770155500${String(n).padStart(2, '0')}`;
    const services = { db: database.db, sms };
    await registerProvenCitizen(
      { ...services, registries },
      { iin, phone, password: 'Portal-2026-pass' },
      clock.now(),
    );
    const challenge = await startCitizenLogin(
      services,
      { iin, password: 'Portal-2026-pass' },
      clock.now(),
    );
    const session = await confirmCitizenLogin(
      services,
      { challengeId: challenge.challengeId, code: sms.lastCodeTo(phone) },
      clock.now(),
    );
    return { iin, phone, cookie: `qyzmet_session=${session.token}` };
  };

  /** Opens a page and returns the cookie header with its anti-forgery cookie, and the token. */
  const csrf = async (cookie = '', path = '/login') => {
    const response = await app.request(path, { headers: { cookie } });
    const html = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const set = /qyzmet_csrf=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    const cookies = [cookie, set ? `qyzmet_csrf=${set}` : ''].filter(Boolean).join('; ');
    return { cookie: cookies, token };
  };

  /** Posts a form (url-encoded or multipart) with the given cookie. */
  const post = (path: string, cookie: string, body: URLSearchParams | FormData) =>
    app.request(path, {
      method: 'POST',
      headers: { cookie, 'accept-language': 'ru' },
      body,
    });

  return { database, app, sms, registries, clock, citizen, csrf, post };
}
export type PortalFixture = Awaited<ReturnType<typeof createPortalFixture>>;

/** The form of the national duplicates with valid values for `iin` (document damaged). */
export function duplicatesForm(token: string, iin: string, draftId = ''): URLSearchParams {
  return new URLSearchParams({
    _csrf: token,
    draftId,
    provider: 'kst-school-1',
    'front-office': 'kst-front-office',
    'f-applicant-iin': iin,
    'f-document-status': 'damaged',
    'f-name-changed': 'no',
  });
}
