import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { MobileCitizenRecord, MobileCitizens } from '../mobile-citizens.js';
import { notFound, type Lookup } from '../registries.js';
import { readWire } from './wire.js';
import type { ResilientClient } from './resilient-client.js';

/** The wire format of a БМГ answer: `{ "mobileCitizen": { "iin", "phone" } }`. */
export const MobileCitizenWire = z.object({
  iin: z.string().regex(/^\d{12}$/),
  phone: z.string().regex(/^\+7\d{10}$/),
});

/** БМГ over HTTP: GET /mobile-citizens/phones/:iin (404 when no phone is bound to the IIN). */
export function createHttpMobileCitizens(client: ResilientClient): MobileCitizens {
  return {
    async findPhone(iin): Promise<Lookup<MobileCitizenRecord>> {
      const answer = await client.request(
        'findPhone',
        'GET',
        `mobile-citizens/phones/${encodeURIComponent(iin)}`,
      );
      if (answer.status === 404) return notFound;
      const record = readWire(answer.body, 'mobileCitizen', MobileCitizenWire);
      if (answer.status !== 200 || !record || record.iin !== iin) {
        throw new DomainError(
          'registry_unavailable',
          {
            system: client.system,
            operation: 'findPhone',
            reason: 'bad_response',
            status: answer.status,
          },
          `${client.system}.findPhone: unexpected answer HTTP ${answer.status}`,
          false,
        );
      }
      return { status: 'found', data: record };
    },
  };
}
