import { involvesFrontOffice } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { ActorRole, StaffRole } from '../../domain/shared/roles.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { extendTerm } from '../applications/extend-term.js';
import { submitApplication } from '../applications/submit-application.js';
import { suspendApplication } from '../applications/suspend-application.js';
import { readOrganisationSeedFiles, seedOrganisations } from '../identity/seed-organisations.js';
import { defaultDeadlinePolicy } from '../../domain/application/deadline-watch.js';
import { handBackStoredResults } from '../front-office/hand-back-stored-results.js';
import { defaultDeliveryPolicy } from '../job-services.js';
import {
  demoCitizen,
  demoRepresentative,
  ensureDemoCitizens,
  ensureDemoStaff,
  hashDemoPassword,
  type DemoStaff,
} from './demo-accounts.js';
import {
  demoRegionAdministratorOrganisation,
  withDemoOrganisations,
} from './demo-organisations.js';
import {
  answerFor,
  demoFields,
  demoKey,
  demoSettingOf,
  demoStaffOrganisations,
  DemoScenario,
  scenariosOf,
} from './demo-plan.js';
import { driveApplication } from './drive-application.js';
import { countApplicationsByStatus } from '../../storage/demo.repository.js';
import { seedQueueKindergartens } from '../preschool-queue/seed-queue-kindergartens.js';
import { demoStaffSigningKey, loadTrustStore } from '../../signing/pki-directory.js';
import type { SigningCredential } from '../../signing/cms-sign.js';
import { getOrganisation } from '../../engine/application-services.js';
import type { ResultSigning } from './sign-result.js';
import { withKeysMadeAhead } from '../../signing/certificate-authority.js';

/** What the demo seed holds after a run. */
export interface DemoSeedResult {
  readonly staff: readonly DemoStaff[];
  /** Applications in the database by status. */
  readonly statuses: Record<string, number>;
  /** Regulations without a demo provider or day (none today). */
  readonly skipped: readonly string[];
}

const providerRoles = [StaffRole.registryOffice, StaffRole.head, StaffRole.executor];
const minute = 60_000;

/**
 * Loads the demo: the organisations of seed/organisations plus a school per region, staff of
 * every role in the providers and front offices, a citizen and a representative with portal
 * accounts, and applications of every regulation through every channel left in each state the
 * engine reaches today (received, in work, result ready, completed, refused, refused at intake,
 * suspended, extended, handed back after storage). Applications go through the engine's own
 * use cases under a manual clock set inside each regulation's effective period. Idempotent:
 * every command carries a fixed key, so a second run changes nothing.
 */
export async function seedDemo(
  services: ApplicationServices,
  options: {
    organisationSeedDirectory?: string;
    /**
     * The installation's PKI folder (PKI_DIR): the signers' keys (demo/<IIN>.p12, certified by
     * the embedded CA when missing) sign the demo results. Without it the demo applications
     * stop at their signing steps.
     */
    pkiDirectory?: string;
    /** The address the documents' QR codes point to (/verify/<id>). */
    publicUrl?: string;
  } = {},
): Promise<DemoSeedResult> {
  // The signers' RSA keys (two a signer, made when the signer first signs) are made ahead on
  // the thread pool while the seed's statements run (issue 21: the seed used to wait for them).
  return withKeysMadeAhead(2, () => seed(services, options));
}

async function seed(
  services: ApplicationServices,
  options: Parameters<typeof seedDemo>[1] = {},
): Promise<DemoSeedResult> {
  const realNow = services.now();
  await seedOrganisations(
    services.db,
    withDemoOrganisations(
      readOrganisationSeedFiles(
        services.regulations.vocabulary,
        options.organisationSeedDirectory,
      ).map((file) => file.content),
    ),
    realNow,
  );
  const passwordHash = hashDemoPassword();
  const staff: DemoStaff[] = [];
  for (const { organisationId, isFrontOffice, hasCommission } of demoStaffOrganisations()) {
    const roles = isFrontOffice
      ? [StaffRole.frontOfficeOperator, StaffRole.courier]
      : hasCommission
        ? [...providerRoles, StaffRole.commissionMember]
        : providerRoles;
    staff.push(
      ...(await ensureDemoStaff(services.db, organisationId, roles, realNow, passwordHash)),
    );
  }
  // The demo region administrator (/admin): organisations, staff, regulations, calendar.
  staff.push(
    ...(await ensureDemoStaff(
      services.db,
      demoRegionAdministratorOrganisation(),
      [StaffRole.regionAdministrator],
      realNow,
      passwordHash,
    )),
  );
  await ensureDemoCitizens(services.db, realNow);
  // The kindergarten queue's districts and kindergartens (issue 19).
  await seedQueueKindergartens(services.db);

  let clock = realNow.getTime();
  const demoServices: ApplicationServices = { ...services, now: () => new Date(clock) };
  const staffOf = (organisationId: string, role: StaffRole) =>
    staff.find((member) => member.organisationId === organisationId && member.role === role)
      ?.principal;
  const citizen: Principal = { kind: 'citizen', iin: demoCitizen.iin };
  const signing = options.pkiDirectory
    ? demoResultSigning(services, options.pkiDirectory, options.publicUrl, staff, realNow)
    : undefined;
  const skipped: string[] = [];

  for (const regulation of services.regulations.all) {
    const setting = demoSettingOf(regulation, services.calendar, services.regulations);
    if (!setting) {
      skipped.push(regulation.id);
      continue;
    }
    const { providerOrganisationId: provider, frontOfficeId } = setting;
    const principalFor = (actor: ActorRole): Principal | undefined => {
      switch (actor) {
        case ActorRole.applicant:
          return citizen;
        case ActorRole.frontOfficeOperator:
          return staffOf(frontOfficeId, StaffRole.frontOfficeOperator);
        case ActorRole.courier:
          return staffOf(frontOfficeId, StaffRole.courier);
        case ActorRole.registryOffice:
          return staffOf(provider, StaffRole.registryOffice);
        case ActorRole.head:
          return staffOf(provider, StaffRole.head);
        case ActorRole.executor:
          return staffOf(provider, StaffRole.executor);
        case ActorRole.commission:
          return staffOf(provider, StaffRole.commissionMember);
        case ActorRole.informationSystem:
          return undefined;
      }
    };
    const executorId = staffOf(provider, StaffRole.executor)!.staffId;
    // 05:00 UTC: 10:00–11:00 in the regions' zones, inside office hours.
    const start = Date.parse(`${setting.day}T05:00:00Z`);
    let offset = 0;

    for (const flow of regulation.channels) {
      const issuesAtFrontOffice = flow.steps.some(
        (step) => step.actor === ActorRole.frontOfficeOperator && step.action === 'issue_result',
      );
      for (const scenario of scenariosOf(flow)) {
        offset += 7;
        clock = start + offset * minute;
        const submitter: Principal =
          flow.channel === 'portal'
            ? citizen
            : flow.channel === 'front_office'
              ? staffOf(frontOfficeId, StaffRole.frontOfficeOperator)!
              : staffOf(provider, StaffRole.registryOffice)!;
        const key = demoKey(regulation.id, flow.channel, scenario);
        const submitted = await submitApplication(demoServices, submitter, {
          idempotencyKey: `${key}:submit`,
          serviceCode: regulation.service,
          channel: flow.channel,
          applicantIin: demoCitizen.iin,
          providerOrganisationId: provider,
          // A portal application whose result is issued at a front office names it (002).
          ...(involvesFrontOffice(flow) ? { frontOfficeId } : {}),
          fields: demoFields(regulation, frontOfficeId),
        });
        const state = await driveApplication(demoServices, submitted.applicationId, {
          principalFor,
          answer: answerFor(scenario),
          executorId,
          keyPrefix: key,
          ...(signing ? { signing } : {}),
          applicant: { name: demoCitizen.name, phone: demoCitizen.phone },
          beforeStep: () => (clock += 3 * minute),
          isDone: (current) =>
            scenario === DemoScenario.received ||
            (scenario === DemoScenario.inWork && current.status === 'in_work') ||
            (scenario === DemoScenario.resultReady &&
              current.status === 'result_ready' &&
              (!issuesAtFrontOffice ||
                flow.steps.find((step) => step.id === current.currentStepId)?.actor ===
                  ActorRole.frontOfficeOperator)),
        });
        // A flow the engine cannot take further today (e.g. a system step waiting for an
        // answer nobody gives yet) shows the same state in every scenario: make it once.
        const isStalled =
          scenario !== DemoScenario.received &&
          state.currentStepId !== undefined &&
          !['in_work', 'result_ready', 'suspended'].includes(state.status);

        // One application per regulation waiting in work is extended or suspended by the head.
        if (scenario === DemoScenario.inWork && state.status === 'in_work') {
          const head = staffOf(provider, StaffRole.head)!;
          clock += 5 * minute;
          const term = regulation.terms.find((candidate) =>
            candidate.channels.includes(flow.channel),
          );
          if (flow.channel === 'provider_office' && term?.extension.allowed) {
            await extendTerm(demoServices, head, {
              idempotencyKey: `${key}:extend`,
              applicationId: submitted.applicationId,
              reason: 'Сұрау салу жауабы күтілуде / Ожидается ответ на запрос в архив',
              by: { amount: 10, unit: 'calendar_days' },
            });
          } else if (flow.channel === 'provider_office') {
            await suspendApplication(demoServices, head, {
              idempotencyKey: `${key}:suspend`,
              applicationId: submitted.applicationId,
              reason: 'Өтініш берушінің құжаттары күтілуде / Ожидаются документы заявителя',
            });
          }
        }
        if (isStalled) break;
      }
    }

    // The representative applies on the portal for the citizen (power of attorney).
    const portal = regulation.channels.find((flow) => flow.channel === 'portal');
    if (portal) {
      clock = start + (offset + 7) * minute;
      await submitApplication(
        demoServices,
        { kind: 'citizen', iin: demoRepresentative.iin },
        {
          idempotencyKey: demoKey(regulation.id, 'portal', 'representative', 'submit'),
          serviceCode: regulation.service,
          channel: 'portal',
          applicantIin: demoCitizen.iin,
          representativeIin: demoRepresentative.iin,
          providerOrganisationId: provider,
          ...(involvesFrontOffice(portal) ? { frontOfficeId } : {}),
          fields: demoFields(regulation, frontOfficeId),
        },
      );
    }
  }

  // Results left at a front office for more than a month go back to the provider.
  const latest = Math.max(
    ...services.regulations.all.map((regulation) =>
      Date.parse(
        `${demoSettingOf(regulation, services.calendar, services.regulations)?.day ?? '2000-01-01'}T05:00:00Z`,
      ),
    ),
  );
  clock = latest + 62 * 24 * 60 * minute;
  await handBackStoredResults({
    ...demoServices,
    deadlines: defaultDeadlinePolicy,
    delivery: defaultDeliveryPolicy,
  });
  // Every front-office operator has a key for the local signer, as the heads do (README,
  // "Signing in the browser"): the electronic request is signed at the front office.
  if (signing) {
    for (const member of staff.filter((one) => one.role === StaffRole.frontOfficeOperator))
      await signing.keyFor(member.principal);
  }
  return { staff, statuses: await countApplicationsByStatus(services.db), skipped };
}

/** Surname, name and patronymic of a full name «Фамилия Имя Отчество». */
function holderNameOf(fullName: string): { surname: string; name: string; patronymic?: string } {
  const [surname = fullName, name = '', ...rest] = fullName.split(/\s+/).filter(Boolean);
  return { surname, name, ...(rest.length > 0 ? { patronymic: rest.join(' ') } : {}) };
}

/**
 * The demo signers' keys from the installation's PKI folder: each head's (or signing
 * executor's, or front-office operator's) demo/<IIN>.p12, certified by the embedded CA on
 * first use with the staff member's IIN and the organisation's BIN, as НУЦ РК certifies a
 * legal entity's employee.
 */
function demoResultSigning(
  services: ApplicationServices,
  pkiDirectory: string,
  publicUrl: string | undefined,
  staff: readonly DemoStaff[],
  now: Date,
): ResultSigning {
  const keys = new Map<string, Promise<SigningCredential | undefined>>();
  return {
    publicUrl: publicUrl ?? 'http://localhost:3000',
    trustStore: loadTrustStore(pkiDirectory).store,
    keyFor(principal) {
      let key = keys.get(principal.staffId);
      if (!key) {
        const member = staff.find((candidate) => candidate.principal.staffId === principal.staffId);
        key = member
          ? getOrganisation(services, services.db, member.organisationId, 'organisationId').then(
              (organisation) =>
                demoStaffSigningKey(
                  pkiDirectory,
                  {
                    // The certificate names the member as their account does (surname, name,
                    // patronymic), so the signer on a document is the person staff see.
                    ...holderNameOf(member.fullName),
                    iin: member.iin,
                    organisation: {
                      name: organisation.nameRu,
                      bin: organisation.bin ?? '000000000000',
                      isHead: member.role === StaffRole.head,
                    },
                  },
                  now,
                ),
            )
          : Promise.resolve(undefined);
        keys.set(principal.staffId, key);
      }
      return key;
    },
  };
}
