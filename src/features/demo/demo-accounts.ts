import type { Principal } from '../../domain/identity/authorisation.js';
import { generateIin } from '../../domain/identity/identity-number-generator.js';
import { Sex } from '../../domain/identity/iin.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { StaffRole } from '../../domain/shared/roles.js';
import { demoCitizen, demoRepresentative } from '../../integrations/simulator/demo-people.js';
import { createRegistrySimulator } from '../../integrations/simulator/registry-simulator.js';
import { InMemorySmsOutbox } from '../../integrations/sms/sms-sender.js';
import { findCitizenAccountByIin } from '../../storage/citizen-account.repository.js';
import type { Database } from '../../storage/db.js';
import { findStaffAccountIdByIin, setStaffPasswordIfUnset } from '../../storage/demo.repository.js';
import { findOrganisation } from '../../storage/organisation.repository.js';
import { createStaffAccount } from '../identity/create-staff-account.js';
import { hashPassword } from '../identity/identity-services.js';
import { confirmCitizenRegistration } from '../identity/confirm-citizen-registration.js';
import { startCitizenRegistration } from '../identity/start-citizen-registration.js';

/** The password of every demo account (development only). */
export const demoPassword = 'qyzmet2024';

/** The demo citizens: defined beside the simulator, whose mobile-citizens registry holds their phones. */
export { demoCitizen, demoRepresentative };

/** A child of the demo citizen, for school admission. */
export const demoChildIin = generateIin('2012-05-20', Sex.male, 4401);

/** A staff account of the demo, listed in the README. */
export interface DemoStaff {
  readonly organisationId: string;
  readonly role: StaffRole;
  readonly iin: string;
  /** The name in the Russian spelling. */
  readonly fullName: string;
  /** The name in the Kazakh spelling. */
  readonly fullNameKk: string;
  readonly principal: Principal & { kind: 'staff' };
}

/**
 * Real-looking names of the demo staff (issue 18, point 4), in the Russian and the Kazakh
 * spelling: surname, given name and patronymic, chosen by the account's serial so that each
 * organisation's staff have different names and every run gives the same ones. All male, as
 * the demo IINs are (demoStaffIin: born 1980-01-01, male).
 */
const surnames: readonly (readonly [ru: string, kk: string])[] = [
  ['Ахметов', 'Ахметов'],
  ['Нурпеисов', 'Нұрпейісов'],
  ['Тулегенов', 'Төлегенов'],
  ['Жумабеков', 'Жұмабеков'],
  ['Касымов', 'Қасымов'],
  ['Садыков', 'Садықов'],
  ['Бекмуханов', 'Бекмұханов'],
  ['Жаксылыков', 'Жақсылықов'],
  ['Абдрахманов', 'Әбдірахманов'],
  ['Кенжебаев', 'Кенжебаев'],
  ['Исабеков', 'Исабеков'],
  ['Омаров', 'Омаров'],
  ['Утепов', 'Өтепов'],
];
const givenNames: readonly (readonly [ru: string, kk: string])[] = [
  ['Ерлан', 'Ерлан'],
  ['Нурлан', 'Нұрлан'],
  ['Бауыржан', 'Бауыржан'],
  ['Асхат', 'Асхат'],
  ['Данияр', 'Данияр'],
  ['Арман', 'Арман'],
  ['Марат', 'Марат'],
  ['Серик', 'Серік'],
  ['Азамат', 'Азамат'],
  ['Ержан', 'Ержан'],
  ['Талгат', 'Талғат'],
];
const patronymics: readonly (readonly [ru: string, kk: string])[] = [
  ['Серикович', 'Серікұлы'],
  ['Болатович', 'Болатұлы'],
  ['Кайратович', 'Қайратұлы'],
  ['Муратович', 'Мұратұлы'],
  ['Жанатович', 'Жанатұлы'],
  ['Аманович', 'Аманұлы'],
  ['Калиевич', 'Қалиұлы'],
  ['Нуржанович', 'Нұржанұлы'],
  ['Тлеуович', 'Тілеуұлы'],
];

/** The demo name of an account (Russian and Kazakh spelling), the same on every run. */
export function demoStaffName(
  organisationId: string,
  role: StaffRole,
): { fullName: string; fullNameKk: string } {
  let serial = 7;
  for (const char of `${role}@${organisationId}`)
    serial = (serial * 131 + char.charCodeAt(0)) >>> 0;
  const surname = surnames[serial % surnames.length]!;
  const given = givenNames[Math.floor(serial / surnames.length) % givenNames.length]!;
  const patronymic =
    patronymics[Math.floor(serial / (surnames.length * givenNames.length)) % patronymics.length]!;
  return {
    fullName: `${surname[0]} ${given[0]} ${patronymic[0]}`,
    fullNameKk: `${surname[1]} ${given[1]} ${patronymic[1]}`,
  };
}

/** The IIN of the demo staff account of `role` in an organisation: the same on every run. */
export function demoStaffIin(organisationId: string, role: StaffRole): string {
  let serial = 0;
  for (const char of `${organisationId}/${role}`)
    serial = (serial * 31 + char.charCodeAt(0)) % 9000;
  return generateIin('1980-01-01', Sex.male, serial);
}

/**
 * Creates (or finds) one staff account per role in an organisation, with the demo password.
 * Idempotent: an existing account (same organisation and IIN) is reused and left unchanged.
 */
export async function ensureDemoStaff(
  db: Database,
  organisationId: string,
  roles: readonly StaffRole[],
  now: Date,
  passwordHash: Promise<string>,
): Promise<DemoStaff[]> {
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation) throw new DomainError('not_found', { organisationId });
  const staff: DemoStaff[] = [];
  for (const role of roles) {
    const iin = demoStaffIin(organisationId, role);
    const { fullName, fullNameKk } = demoStaffName(organisationId, role);
    let staffId = await findStaffAccountIdByIin(db, organisationId, iin);
    if (!staffId) {
      ({ staffId } = await createStaffAccount(
        db,
        { kind: 'system' },
        { organisationId, iin, fullName, fullNameKk, roles: [role] },
        now,
      ));
    }
    await setStaffPasswordIfUnset(db, staffId, await passwordHash, now);
    staff.push({
      organisationId,
      role,
      iin,
      fullName,
      fullNameKk,
      principal: {
        kind: 'staff',
        staffId,
        roles: [role],
        organisationId,
        regionCode: organisation.regionCode,
      },
    });
  }
  return staff;
}

/** Hashes the demo password once per run. */
export function hashDemoPassword(): Promise<string> {
  return hashPassword(demoPassword);
}

/**
 * Registers the demo citizen and representative on the portal (once), through the proof
 * every citizen gives: the code goes to the phone the simulated mobile-citizens registry
 * holds for the demo IIN (src/integrations/simulator/demo-people.ts) and is read back from
 * an in-memory SMS outbox — the demo's people exist only in the simulator.
 */
export async function ensureDemoCitizens(db: Database, now: Date): Promise<void> {
  const sms = new InMemorySmsOutbox();
  const services = { db, sms, registries: createRegistrySimulator() };
  for (const person of [demoCitizen, demoRepresentative]) {
    if (await findCitizenAccountByIin(db, person.iin)) continue;
    const challenge = await startCitizenRegistration(services, { iin: person.iin }, now);
    await confirmCitizenRegistration(
      services,
      {
        iin: person.iin,
        challengeId: challenge.challengeId,
        code: sms.lastCodeTo(person.phone),
        password: demoPassword,
      },
      now,
    );
  }
}
