/** The signed-in citizen as the portal's use cases need them. */
export interface PortalCitizen {
  readonly accountId: string;
  /** ИИН / ЖСН. */
  readonly iin: string;
  /** The phone registered on the portal, where one-time passwords go. */
  readonly phone: string;
}
