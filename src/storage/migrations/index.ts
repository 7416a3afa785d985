import type { Migration } from 'kysely';
import * as m0001 from './0001-instance.js';
import * as m0010 from './0010-document.js';
import * as m0011 from './0011-otp-certification.js';

/**
 * Every migration, in the order it is applied. Names are never changed once released;
 * a new migration is a new file added at the end.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-instance': m0001,
  '0010-document': m0010,
  '0011-otp-certification': m0011,
};
