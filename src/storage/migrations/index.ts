import type { Migration } from 'kysely';
import * as m0001 from './0001-instance.js';
import * as m0002 from './0002-audit-event.js';
import * as m0003 from './0003-organisations.js';
import * as m0004 from './0004-citizen-accounts.js';
import * as m0005 from './0005-gateway-and-consent.js';
import * as m0010 from './0010-document.js';
import * as m0011 from './0011-otp-certification.js';
import * as m0020 from './0020-applications.js';
import * as m0021 from './0021-appeals.js';
import * as m0030 from './0030-api-tokens.js';
import * as m0040 from './0040-deadlines-and-delivery.js';
import * as m0041 from './0041-audit-sealing.js';
import * as m0042 from './0042-inbox-indexes.js';
import * as m0050 from './0050-web-rate-limit.js';
import * as m0060 from './0060-portal-draft.js';
import * as m0080 from './0080-front-office.js';
import * as m0090 from './0090-prepared-document.js';
import * as m0091 from './0091-front-office-request.js';
import * as m0092 from './0092-courier-register-steps.js';
import * as m0093 from './0093-portal-draft-application.js';
import * as m0094 from './0094-document-signed-content.js';
import * as m0095 from './0095-citizen-identity-proof.js';
import * as m0100 from './0100-sandbox-clock.js';
import * as m0101 from './0101-audit-append-only.js';
import * as m0102 from './0102-login-throttle.js';
import * as m0103 from './0103-drop-citizen-account-lock.js';
import * as m0104 from './0104-outbox-subject.js';
import * as m0105 from './0105-organisation-kind-as-data.js';
import * as m0110 from './0110-preschool-queue.js';
import * as m0111 from './0111-staff-name-kk.js';
import * as m0115 from './0115-queue-district.js';
import * as m0120 from './0120-monitoring.js';
import * as m0135 from './0135-queue-referral-document.js';
import * as m0140 from './0140-form-flash.js';
import * as m0145 from './0145-queue-aged-out.js';
import * as m0150 from './0150-monitoring-period-grains.js';
import * as m0155 from './0155-monitoring-provider-roll-up.js';
import * as m0160 from './0160-monitoring-summary-version.js';
import * as m0165 from './0165-monitoring-slot-regulation.js';

/**
 * Every migration, in the order it is applied. Names are never changed once released;
 * a new migration is a new file added at the end.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-instance': m0001,
  '0002-audit-event': m0002,
  '0003-organisations': m0003,
  '0004-citizen-accounts': m0004,
  '0005-gateway-and-consent': m0005,
  '0010-document': m0010,
  '0011-otp-certification': m0011,
  '0020-applications': m0020,
  '0021-appeals': m0021,
  '0030-api-tokens': m0030,
  '0040-deadlines-and-delivery': m0040,
  '0041-audit-sealing': m0041,
  '0042-inbox-indexes': m0042,
  '0050-web-rate-limit': m0050,
  '0060-portal-draft': m0060,
  '0080-front-office': m0080,
  '0090-prepared-document': m0090,
  '0091-front-office-request': m0091,
  '0092-courier-register-steps': m0092,
  '0093-portal-draft-application': m0093,
  '0094-document-signed-content': m0094,
  '0095-citizen-identity-proof': m0095,
  '0100-sandbox-clock': m0100,
  '0101-audit-append-only': m0101,
  '0102-login-throttle': m0102,
  '0103-drop-citizen-account-lock': m0103,
  '0104-outbox-subject': m0104,
  '0105-organisation-kind-as-data': m0105,
  '0110-preschool-queue': m0110,
  '0111-staff-name-kk': m0111,
  '0115-queue-district': m0115,
  '0120-monitoring': m0120,
  '0135-queue-referral-document': m0135,
  '0140-form-flash': m0140,
  '0145-queue-aged-out': m0145,
  '0150-monitoring-period-grains': m0150,
  '0155-monitoring-provider-roll-up': m0155,
  '0160-monitoring-summary-version': m0160,
  '0165-monitoring-slot-regulation': m0165,
};
