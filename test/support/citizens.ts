import { confirmCitizenRegistration } from '../../src/features/identity/confirm-citizen-registration.js';
import type { RegisteredCitizen } from '../../src/features/identity/open-proven-citizen-account.js';
import { startCitizenRegistration } from '../../src/features/identity/start-citizen-registration.js';
import {
  createRegistrySimulator,
  type RegistrySimulator,
} from '../../src/integrations/simulator/registry-simulator.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { Database } from '../../src/storage/db.js';

/**
 * Registers a citizen the way every citizen registers (issue 16): `phone` is bound to the
 * IIN in the simulated mobile-citizens registry (as a front office does), the code goes
 * there, and the code and the password open the account. Pass the test's SMS outbox and
 * simulator to see the messages; fresh ones are used otherwise.
 */
export async function registerProvenCitizen(
  services: { db: Database; sms?: InMemorySmsOutbox; registries?: RegistrySimulator },
  citizen: { iin: string; phone: string; password: string },
  now: Date,
): Promise<RegisteredCitizen> {
  const sms = services.sms ?? new InMemorySmsOutbox();
  const registries = services.registries ?? createRegistrySimulator();
  registries.bindPhone(citizen.iin, citizen.phone);
  const challenge = await startCitizenRegistration(
    { db: services.db, sms, registries },
    { iin: citizen.iin },
    now,
  );
  return confirmCitizenRegistration(
    { db: services.db },
    {
      iin: citizen.iin,
      challengeId: challenge.challengeId,
      code: sms.lastCodeTo(citizen.phone),
      password: citizen.password,
    },
    now,
  );
}

/**
 * Registers over `POST /api/auth/register` and `/register/confirm`: binds the phone in the
 * app's simulated mobile-citizens registry, then answers with the code sent there. Returns
 * the confirmation's response (201 with the account id).
 */
export async function registerOverApi(
  post: (path: string, body: unknown) => Response | Promise<Response>,
  world: { sms: InMemorySmsOutbox; registries: RegistrySimulator },
  citizen: { iin: string; phone: string; password: string },
): Promise<Response> {
  world.registries.bindPhone(citizen.iin, citizen.phone);
  const started = await post('/api/auth/register', { iin: citizen.iin });
  if (started.status !== 202) return started;
  const { challengeId } = (await started.json()) as { challengeId: string };
  return post('/api/auth/register/confirm', {
    iin: citizen.iin,
    challengeId,
    code: world.sms.lastCodeTo(citizen.phone),
    password: citizen.password,
  });
}
