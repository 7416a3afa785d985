import { describe, expect, it } from 'vitest';
import { createHttpRegistryGateway } from './http-registries.js';

const iin = '880215300010';
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function gatewayAnswering(...answers: (Response | Error)[]) {
  const requests: string[] = [];
  const sleeps: number[] = [];
  const gateway = createHttpRegistryGateway({
    baseUrl: 'http://registry.test/base',
    resilience: {
      maxRetries: 3,
      backoffBaseMs: 100,
      backoffMaxMs: 250,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      fetch: async (input) => {
        requests.push(String(input));
        const answer = answers.shift() ?? new Error('no more answers');
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  });
  return { gateway, requests, sleeps };
}

describe('HTTP registry adapters', () => {
  it('resolve paths under the base URL', async () => {
    const { gateway, requests } = gatewayAnswering(json(404, { status: 'not_found' }));
    expect((await gateway.persons.findPerson(iin)).status).toBe('not_found');
    expect(requests).toEqual([`http://registry.test/base/person-registry/persons/${iin}`]);
  });

  it('refuse an answer that does not match the wire format, without retrying', async () => {
    const { gateway, requests } = gatewayAnswering(
      json(200, { person: { iin, lastName: 'Абенов' } }),
    );
    await expect(gateway.persons.findPerson(iin)).rejects.toMatchObject({
      code: 'registry_unavailable',
      isRetryable: false,
      details: { reason: 'bad_response' },
    });
    expect(requests).toHaveLength(1);
  });

  it('refuse a body that is not JSON', async () => {
    const { gateway } = gatewayAnswering(new Response('<html>', { status: 200 }));
    await expect(gateway.persons.findPerson(iin)).rejects.toMatchObject({
      details: { reason: 'bad_response' },
    });
  });

  it('retry network errors and 5xx with capped exponential backoff', async () => {
    const { gateway, sleeps, requests } = gatewayAnswering(
      new TypeError('fetch failed'),
      json(502, {}),
      new TypeError('fetch failed'),
      json(404, { status: 'not_found' }),
    );
    expect((await gateway.persons.findPerson(iin)).status).toBe('not_found');
    expect(requests).toHaveLength(4);
    expect(sleeps).toEqual([100, 200, 250]);
  });

  it('give up after the last retry with the last reason', async () => {
    const { gateway } = gatewayAnswering(
      json(500, {}),
      json(500, {}),
      json(500, {}),
      json(503, {}),
    );
    await expect(gateway.persons.findPerson(iin)).rejects.toMatchObject({
      code: 'registry_unavailable',
      isRetryable: true,
      details: { system: 'person_registry', reason: 'server_error', attempts: 4 },
    });
  });

  it('say when to try again: after a pause, or when the open circuit lets a trial through', async () => {
    const { gateway } = gatewayAnswering(...Array.from({ length: 8 }, () => json(503, {})));
    await expect(gateway.persons.findPerson(iin)).rejects.toMatchObject({
      details: { reason: 'server_error', retryAfterSeconds: 5 },
    });
    // Four failures and the fifth opens the circuit (threshold 5, cool-down 30 s).
    await expect(gateway.persons.findPerson(iin)).rejects.toMatchObject({
      details: { reason: 'server_error' },
    });
    await expect(gateway.persons.findPerson(iin)).rejects.toMatchObject({
      details: { reason: 'circuit_open', retryAfterSeconds: 30 },
    });
  });

  it('map a refused consent code to a result with a message', async () => {
    const { gateway } = gatewayAnswering(
      json(409, { status: 'consent_refused', reason: 'expired' }),
    );
    expect(
      await gateway.digitalDocuments.fetchDocument({ requestId: 'r', code: '123456' }),
    ).toMatchObject({
      status: 'consent_refused',
      reason: 'expired',
      message: { ru: expect.stringContaining('истёк') },
    });
  });
});
