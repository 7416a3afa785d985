/** The signed-in citizen as the portal's use cases need them (declared in the domain). */
export type { PortalCitizen } from '../../domain/identity/portal-citizen.js';
