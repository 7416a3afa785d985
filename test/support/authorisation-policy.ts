/**
 * The expected authorisation policy of every route (issue 16, authorisation matrix): which
 * principals may use it. Written from the product's rules, not from observed answers:
 *
 * - personal data only to whom it belongs: an application, its documents, drafts and
 *   notifications to its applicant, to the staff of the provider that holds it (registry
 *   office, head, executor, commission) and to the staff of the front office that accepted it
 *   (operator, courier) — never to another citizen, another organisation or an administrator
 *   (administrators do not see applications);
 * - a workspace only to the roles it serves: the back office to the provider's roles, the
 *   front office to its operators and couriers, administration to administrators (a region
 *   administrator only for organisations of their region), the cabinet to citizens;
 * - sign-in, registration, the catalogue, the public status lookup, document verification
 *   and the assets are public.
 *
 * A route missing here fails the matrix (classify every new route); a route here that the
 * app no longer has fails it too. Keys: `METHOD path`, the path as the router registers it
 * (the JSON API's as /api/openapi.json writes it).
 */

/** Who asks, in the matrix's world (test/integration/authorisation.matrix.test.ts). */
export const principalNames = [
  'anonymous',
  /** the applicant (citizen A), who owns the application, its notification and drafts */
  'citizen',
  /** another citizen (B), with an account of their own */
  'other-citizen',
  'own-registry-office',
  'own-head',
  'own-executor',
  'own-commission-member',
  'foreign-registry-office',
  'foreign-head',
  'foreign-executor',
  'foreign-commission-member',
  'own-front-office-operator',
  'own-courier',
  'foreign-front-office-operator',
  'foreign-courier',
  /** region administrator of the application's region */
  'region-administrator',
  /** region administrator of another region */
  'foreign-region-administrator',
  'system-administrator',
  /** API tokens (Bearer) of the provider's head and of another provider's head */
  'own-head-token',
  'foreign-head-token',
] as const;
export type PrincipalName = (typeof principalNames)[number];

const tokens: readonly PrincipalName[] = ['own-head-token', 'foreign-head-token'];
const webPrincipals = principalNames.filter((name) => !tokens.includes(name));

/** The groups the rules speak of. */
export const group = {
  everyone: webPrincipals,
  citizens: ['citizen', 'other-citizen'],
  applicant: ['citizen'],
  ownProvider: ['own-registry-office', 'own-head', 'own-executor', 'own-commission-member'],
  foreignProvider: [
    'foreign-registry-office',
    'foreign-head',
    'foreign-executor',
    'foreign-commission-member',
  ],
  ownFrontOffice: ['own-front-office-operator', 'own-courier'],
  foreignFrontOffice: ['foreign-front-office-operator', 'foreign-courier'],
  administrators: ['region-administrator', 'foreign-region-administrator', 'system-administrator'],
  /** administrators of the organisations in the world (the provider's region) */
  ownAdministrators: ['region-administrator', 'system-administrator'],
} satisfies Record<string, readonly PrincipalName[]>;

const providerStaff = [...group.ownProvider, ...group.foreignProvider];
const frontOfficeStaff = [...group.ownFrontOffice, ...group.foreignFrontOffice];
const workingStaff = [...providerStaff, ...frontOfficeStaff];
/** Who may see the application and the personal data in it. */
const viewers: readonly PrincipalName[] = [
  ...group.applicant,
  ...group.ownProvider,
  ...group.ownFrontOffice,
  'own-head-token',
];
const signedIn: readonly PrincipalName[] = webPrincipals.filter((name) => name !== 'anonymous');

/** How a route is probed: which principals, and what to send. */
export interface RoutePolicy {
  /** The principals allowed; everyone else must be refused and change nothing. */
  readonly allowed: readonly PrincipalName[];
  /** The JSON body sent (JSON API). */
  readonly body?: Record<string, unknown>;
  /** The fields a web form sends besides the anti-forgery token (none unless needed to reach the check). */
  readonly form?: Record<string, string>;
  /** Principals to probe besides the web ones (API tokens). */
  readonly alsoProbe?: readonly PrincipalName[];
  /** Why an allowed principal gets 404 in the matrix's world (else a 404 to them fails it). */
  readonly absentHere?: string;
  /** Why, when the rule is not plain from the groups. */
  readonly note?: string;
}

const api = (allowed: readonly PrincipalName[], body?: Record<string, unknown>): RoutePolicy => ({
  allowed,
  alsoProbe: tokens,
  ...(body ? { body } : {}),
});

/** The JSON API, by the operations of /api/openapi.json. */
export const apiPolicy: Record<string, RoutePolicy> = {
  'GET /api/v1/regulations': { allowed: group.everyone },
  'GET /api/v1/regulations/{id}': { allowed: group.everyone },
  // Open data (issue 20): sums of the summary tables, no personal data.
  'GET /api/v1/open-data/quality': { allowed: group.everyone },
  'GET /api/v1/public/status/{number}': {
    allowed: group.everyone,
    note: 'public, but it needs the check code (without it: nothing about the application)',
  },
  // Staff accept at their own organisation: the registry office at the provider's office, the
  // operator at the front office; citizens apply through portal drafts. The probe asks the
  // front office of the world (extern-permission is not offered at the provider's office);
  // the operator's empty form is then refused as a form (422).
  'POST /api/v1/applications': api(['own-front-office-operator'], {
    serviceCode: 'extern-permission',
    channel: 'front_office',
    applicantIin: '000000000000',
    providerOrganisationId: 'PROVIDER',
    frontOfficeId: 'FRONT_OFFICE',
    fields: {},
  }),
  'GET /api/v1/applications': api([...workingStaff, ...tokens]),
  'GET /api/v1/applications/{id}': api(viewers),
  // Who may act at the current step is the engine's (api.applications.authorisation); the
  // probe names no step, so everyone who may see the application gets a 409 or 422.
  'POST /api/v1/applications/{id}/commands': api(viewers, {
    kind: 'complete_step',
    stepId: 'no-such-step',
    idempotencyKey: 'KEY',
  }),
  // The executor prepares the result; the head signs it.
  'POST /api/v1/applications/{id}/documents/prepare': api(['own-executor'], {
    outcome: 'result',
    fields: {},
    idempotencyKey: 'KEY',
  }),
  'POST /api/v1/applications/{id}/documents/{draftId}/sign': api(['own-head', 'own-head-token'], {
    cms: 'MIIBmatrixprobe0000',
    idempotencyKey: 'KEY',
  }),
  // The electronic request the operator filled in for the applicant: theirs to read too.
  'GET /api/v1/applications/{id}/front-office-request': api(viewers),
  'POST /api/v1/applications/{id}/front-office-request/sign': api(['own-front-office-operator'], {
    cms: 'MIIBmatrixprobe0000',
    idempotencyKey: 'KEY',
  }),
  // Administrators do not see applications: no inbox (as no back office) for them.
  'GET /api/v1/inbox': api([...workingStaff, ...tokens]),
  'GET /api/v1/me/applications': api(group.citizens),
  'POST /api/v1/portal/drafts': api(group.citizens, {
    regulationId: 'REGULATION',
    providerOrganisationId: 'PROVIDER',
    fields: {},
  }),
  'POST /api/v1/portal/drafts/{id}/documents': api(group.applicant, {
    kind: 'other',
    fileName: 'a.pdf',
    contentBase64: 'JVBERi0xLjQK',
  }),
  'POST /api/v1/portal/drafts/{id}/certification': api(group.applicant, {}),
  'POST /api/v1/portal/drafts/{id}/submission': api(group.applicant, {
    challengeId: '00000000-0000-4000-8000-000000000000',
    code: '000000',
    digestSha256: '0'.repeat(64),
  }),
};

const publicRoute: RoutePolicy = { allowed: group.everyone };

/** Every other route of the app: the pages, sign-in, the citizens' authentication API. */
export const webPolicy: Record<string, RoutePolicy> = {
  'GET /health': publicRoute,
  // The Prometheus scrape: the bearer token of METRICS_TOKEN only, never a session (off, 404,
  // in the matrix's world, as in any installation without the token).
  'GET /metrics': {
    allowed: [],
    note: 'operators’ scraper with METRICS_TOKEN (metrics.scrape.prometheus), no principal here',
  },
  'GET /api/openapi.json': publicRoute,
  'GET /api/docs': publicRoute,
  'POST /api/auth/register': publicRoute,
  'POST /api/auth/register/confirm': publicRoute,
  'POST /api/auth/register/signature/challenge': publicRoute,
  'POST /api/auth/register/signature': publicRoute,
  'POST /api/auth/login': publicRoute,
  'POST /api/auth/login/confirm': publicRoute,
  // One's own session: whoever is signed in (a staff session too).
  'GET /api/auth/session': { allowed: signedIn },
  'POST /api/auth/logout': publicRoute,
  'POST /api/auth/logout-everywhere': { allowed: signedIn },
  'POST /api/auth/password-reset': publicRoute,
  'POST /api/auth/password-reset/confirm': publicRoute,
  'GET /verify': publicRoute,
  'GET /verify/:id': publicRoute,
  'POST /verify/:id': publicRoute,
  'GET /assets/:name': publicRoute,
  // The site's icon (a redirect to /assets/favicon.svg), asked for by every browser.
  'GET /favicon.ico': publicRoute,
  'GET /staff/login': publicRoute,
  'POST /staff/login': publicRoute,
  'POST /staff/logout': publicRoute,
  'POST /logout': publicRoute,
  // A document to whom it concerns; the probe is a courier register, which travels between
  // the front office and the provider (and lists several applicants: not the applicant's).
  'GET /documents/:file{[0-9a-fA-F-]{36}\\.pdf}': {
    allowed: [...group.ownFrontOffice, ...group.ownProvider],
  },
  // Its print view (issue 18, point 7): the same people as the PDF.
  'GET /documents/:id{[0-9a-fA-F-]{36}}/print': {
    allowed: [...group.ownFrontOffice, ...group.ownProvider],
  },
  'GET /': publicRoute,
  'GET /status': publicRoute,
  // The kindergarten queue's public position lookup and protocol: no personal data.
  'GET /queue/position': publicRoute,
  'GET /queue/protocol': publicRoute,
  // The quality of public services as open data (issue 20): no personal data.
  'GET /open-data/quality': publicRoute,
  'GET /services': publicRoute,
  'GET /services/versions': {
    allowed: group.everyone,
    absentHere: 'a sandbox installation’s page: 404 in an ordinary one, as the world is',
  },
  'GET /services/:code': publicRoute,
  'GET /login': publicRoute,
  'POST /login': publicRoute,
  'GET /login/code': publicRoute,
  'POST /login/code': publicRoute,
  // A new code for the sign-in in progress (its cookie), to the same phone: public like it.
  'POST /login/code/resend': publicRoute,
  'GET /register': publicRoute,
  'POST /register': publicRoute,
  'GET /register/code': publicRoute,
  'POST /register/code': publicRoute,
  'GET /register/signature': publicRoute,
  'POST /register/signature/start': publicRoute,
  'POST /register/signature': publicRoute,
  'GET /home-visit': publicRoute,
  'POST /home-visit': publicRoute,
  // The portal: any citizen starts a draft; a draft is its author's only.
  'GET /apply/:regulationId': { allowed: group.citizens },
  'POST /apply/:regulationId': { allowed: group.citizens },
  'GET /apply/:regulationId/:draftId/documents': { allowed: group.applicant },
  'POST /apply/:regulationId/:draftId/documents': { allowed: group.applicant },
  'POST /apply/:regulationId/:draftId/documents/:documentId/remove': { allowed: group.applicant },
  'GET /apply/:regulationId/:draftId/review': { allowed: group.applicant },
  'POST /apply/:regulationId/:draftId/review': { allowed: group.applicant },
  'GET /apply/:regulationId/:draftId/certify': { allowed: group.applicant },
  'POST /apply/:regulationId/:draftId/certify': { allowed: group.applicant },
  'GET /apply/:regulationId/:draftId/done': { allowed: group.applicant },
  // The cabinet: the citizen's own applications and notifications.
  'GET /cabinet': { allowed: group.citizens },
  'GET /cabinet/applications/:id': { allowed: group.applicant },
  // The step is named, so that the command reaches the application (an empty form is refused
  // as a form first, which tells nothing either).
  'POST /cabinet/applications/:id/steps': {
    allowed: group.applicant,
    form: { stepId: 'no-such-step' },
  },
  'POST /cabinet/applications/:id/appeal': { allowed: group.applicant },
  'POST /cabinet/applications/:id/questionnaire': { allowed: group.applicant },
  'GET /cabinet/notifications': { allowed: group.citizens },
  'POST /cabinet/notifications/:id/read': { allowed: group.applicant },
  // Each citizen marks their own (the probe's empty form is refused as a form, 422).
  'POST /cabinet/notifications/read-all': { allowed: group.citizens },
  // The kindergarten queue (issue 19): any citizen registers a child and sees their own
  // slips; an offer is its parent's only (the matrix's world has none: 404 to every citizen,
  // as to a parent asking for another's offer).
  'GET /cabinet/queue': { allowed: group.citizens },
  'GET /cabinet/queue/new': { allowed: group.citizens },
  'POST /cabinet/queue/new': { allowed: group.citizens },
  ...Object.fromEntries(
    [
      'GET /cabinet/queue/offers/:id',
      'POST /cabinet/queue/offers/:id/code',
      'POST /cabinet/queue/offers/:id/accept',
      'POST /cabinet/queue/offers/:id/decline',
      'POST /cabinet/queue/offers/:id/referral',
    ].map((route) => [
      route,
      {
        allowed: group.citizens,
        absentHere: 'no offer in the matrix’s world: not found to every parent',
      },
    ]),
  ),
  // The front office: its operators and couriers, for the applications it accepted.
  'GET /front-office': { allowed: frontOfficeStaff },
  'GET /front-office/applications/new': {
    allowed: ['own-front-office-operator', 'foreign-front-office-operator'],
  },
  'POST /front-office/applications/new': {
    allowed: ['own-front-office-operator', 'foreign-front-office-operator'],
  },
  'GET /front-office/applications/:id{[0-9a-fA-F-]{36}}': { allowed: group.ownFrontOffice },
  'POST /front-office/applications/:id{[0-9a-fA-F-]{36}}/issue': {
    allowed: ['own-front-office-operator'],
  },
  'POST /front-office/applications/:id{[0-9a-fA-F-]{36}}/request/sign': {
    allowed: ['own-front-office-operator'],
  },
  'POST /front-office/applications/:id{[0-9a-fA-F-]{36}}/request-result': {
    allowed: ['own-front-office-operator'],
  },
  'GET /front-office/registers': { allowed: frontOfficeStaff },
  'POST /front-office/registers': { allowed: ['own-courier', 'foreign-courier'] },
  // A register travels from the front office to the provider: both ends see it.
  'GET /front-office/registers/:id{[0-9a-fA-F-]{36}}': {
    allowed: [...group.ownFrontOffice, ...group.ownProvider],
  },
  'GET /front-office/registers/:id{[0-9a-fA-F-]{36}}/acknowledge': {
    allowed: [...group.ownFrontOffice, ...group.ownProvider],
  },
  'POST /front-office/registers/:id{[0-9a-fA-F-]{36}}/acknowledge': {
    allowed: ['own-registry-office'],
    note: 'the provider’s registry office acknowledges a register sent to it',
  },
  'GET /front-office/home-visits': { allowed: frontOfficeStaff },
  // The search (issue 18, point 7): every front office's staff, among its own applications.
  'GET /front-office/search': { allowed: frontOfficeStaff },
  'POST /front-office/home-visits/:id{[0-9a-fA-F-]{36}}': {
    allowed: ['own-front-office-operator'],
    form: { status: 'cancelled' },
  },
  // The back office: the provider's roles, for the applications their organisation holds.
  'GET /back-office': { allowed: providerStaff },
  'GET /back-office/escalations': { allowed: ['own-head', 'foreign-head'] },
  // The search (issue 18, point 7): every provider's staff, among its own applications.
  'GET /back-office/search': { allowed: providerStaff },
  'GET /back-office/applications/:id': { allowed: group.ownProvider },
  'GET /back-office/applications/:id/drafts/:file': { allowed: group.ownProvider },
  'GET /back-office/applications/:id/uploads/:upload{[0-9a-fA-F-]{36}}': {
    allowed: group.ownProvider,
  },
  'POST /back-office/applications/:id/actions/:action': { allowed: group.ownProvider },
  'GET /back-office/result-requests': {
    allowed: providerStaff.filter((name) => !name.endsWith('commission-member')),
  },
  'POST /back-office/result-requests/:id/sent': { allowed: ['own-registry-office', 'own-head'] },
  // A kindergarten's vacancy queue: its head and executors declare places (each their own).
  'GET /back-office/queue': {
    allowed: ['own-head', 'own-executor', 'foreign-head', 'foreign-executor'],
  },
  'POST /back-office/queue': {
    allowed: ['own-head', 'own-executor', 'foreign-head', 'foreign-executor'],
  },
  // The kindergarten queue's places: a kindergarten's head and executors publish its places
  // and enrol on referrals (each their own kindergartens; none of their own lists nothing).
  'GET /back-office/kindergarten-places': {
    allowed: ['own-head', 'own-executor', 'foreign-head', 'foreign-executor'],
  },
  'POST /back-office/kindergarten-places': {
    allowed: ['own-head', 'own-executor', 'foreign-head', 'foreign-executor'],
  },
  'POST /back-office/kindergarten-places/enrol': {
    allowed: ['own-head', 'own-executor', 'foreign-head', 'foreign-executor'],
  },
  // A district education department's head and executors confirm or reject the privileges
  // claimed in the districts it keeps (none kept lists nothing; another's slip is not found).
  'GET /back-office/queue-privileges': {
    allowed: ['own-head', 'own-executor', 'foreign-head', 'foreign-executor'],
  },
  'POST /back-office/queue-privileges': {
    allowed: ['own-head', 'own-executor', 'foreign-head', 'foreign-executor'],
  },
  // A department head's statistics of the districts the department keeps (counts only).
  'GET /back-office/queue-statistics': { allowed: ['own-head', 'foreign-head'] },
  // The yearly intake round's batch run: a department head, for the districts it keeps.
  'POST /back-office/queue-statistics/intake': { allowed: ['own-head', 'foreign-head'] },
  'GET /back-office/appeals': { allowed: providerStaff },
  'GET /back-office/appeals/:id': { allowed: group.ownProvider },
  'POST /back-office/appeals/:id': { allowed: group.ownProvider },
  // Administration: administrators, a region's only for organisations of their region.
  'GET /admin': { allowed: group.administrators },
  'GET /admin/organisations': { allowed: group.administrators },
  'GET /admin/organisations/:id': { allowed: group.ownAdministrators },
  // Adding staff and correcting a name: administrators of the organisation's region (the
  // probe's empty form is refused as a form, 422, by those allowed).
  'POST /admin/organisations/:id/staff': { allowed: group.ownAdministrators },
  'POST /admin/organisations/:id/staff/:staffId/name': { allowed: group.ownAdministrators },
  'POST /admin/staff/:id/roles': {
    allowed: group.ownAdministrators,
    form: { organisationId: 'PROVIDER' },
  },
  'GET /admin/staff': { allowed: group.administrators },
  'POST /admin/staff/:id/active': { allowed: group.ownAdministrators },
  'GET /admin/regulations': { allowed: group.administrators },
  // A region administrator sees the regulations of their region (and the national ones).
  'GET /admin/regulations/:id/diagram.svg': { allowed: group.ownAdministrators },
  'GET /admin/calendar': { allowed: group.administrators },
  // Quality indicators (issue 20): every administrator, each of their own scope (a region's
  // administrator sees their region's numbers; the view is filtered, never another region's).
  'GET /admin/monitoring': { allowed: group.administrators },
  'GET /admin/monitoring/applications': { allowed: group.administrators },
  'GET /admin/monitoring.csv': { allowed: group.administrators },
  'GET /admin/monitoring/report.pdf': { allowed: group.administrators },
};

/** Every principal that is not allowed. */
export function deniedOf(policy: RoutePolicy): PrincipalName[] {
  const probed = [...webPrincipals, ...(policy.alsoProbe ?? [])];
  return probed.filter((name) => !policy.allowed.includes(name));
}

export { signedIn, viewers };
