import type { LocalizedText } from '../../domain/shared/locale.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { RegistryGateway } from '../../integrations/registries.js';

/** The applicant's name as the person registry (ГБД ФЛ) spells it, or why it is not shown. */
export type ApplicantName =
  | { readonly status: 'found'; readonly name: LocalizedText }
  | { readonly status: 'not_found' | 'unavailable' };

/**
 * The applicant's full name for the back office (issue 18, point 7: "the applicant's name on
 * back-office pages"). Applications keep the applicant's IIN, not a copy of their name: the name
 * is asked from ГБД ФЛ, the registry the intake identified the applicant with, for an
 * application the caller has already been allowed to read (its view is the proof). The call is
 * in the gateway's call log under the correlation `back-office:<application id>` — traceable,
 * but kept apart from the calls the application's own steps made, which its page lists. A
 * registry that does not answer leaves the page working: the name is reported unavailable.
 */
export async function findApplicantName(
  gateway: RegistryGateway,
  application: { readonly view: { readonly id: string; readonly applicantIin: string } },
): Promise<ApplicantName> {
  try {
    const answer = await gateway.persons.findPerson(application.view.applicantIin, {
      correlationId: `back-office:${application.view.id}`,
    });
    if (answer.status !== 'found') return { status: 'not_found' };
    const person = answer.data;
    const spell = (locale: 'kk' | 'ru' | 'en') =>
      [person.lastName[locale], person.firstName[locale], person.patronymic?.[locale]]
        .filter(Boolean)
        .join(' ');
    return { status: 'found', name: { kk: spell('kk'), ru: spell('ru'), en: spell('en') } };
  } catch (error) {
    if (error instanceof DomainError) return { status: 'unavailable' };
    throw error;
  }
}
