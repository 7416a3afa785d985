import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DocumentType } from '../registries.js';
import { createRegistrySimulator, type RegistrySimulator } from './registry-simulator.js';

/**
 * A fault the test control endpoint arms: applies to the next `times` requests whose path
 * contains `pathContains` (all requests when absent).
 */
export const SimulatorFault = z.object({
  mode: z.enum(['delay', 'fail']).describe('delay: answer after delayMs; fail: answer with status'),
  delayMs: z.number().int().min(0).max(120_000).default(0),
  status: z.number().int().min(400).max(599).default(503),
  times: z.number().int().min(1).default(1_000_000),
  pathContains: z.string().optional(),
});
export type SimulatorFault = z.infer<typeof SimulatorFault>;

export interface SimulatorServerOptions {
  readonly simulator?: RegistrySimulator;
  /** Enables /__control (fault injection, consent codes). On by default: it is a simulator. */
  readonly control?: boolean;
}

const PowerOfAttorneyQueryBody = z.object({
  number: z.string().min(1),
  principalIin: z.string().regex(/^\d{12}$/),
  representativeIin: z.string().regex(/^\d{12}$/),
});
const ConsentRequestBody = z.object({
  iin: z.string().regex(/^\d{12}$/),
  documentType: z.enum(Object.values(DocumentType) as [DocumentType, ...DocumentType[]]),
  requesterId: z.string().min(1),
});
const ReleaseBody = z.object({ code: z.string().min(1).max(12) });
const BindPhoneBody = z.object({
  iin: z.string().regex(/^\d{12}$/),
  phone: z.string().regex(/^\+7\d{10}$/),
});

async function parseBody<T>(context: Context, schema: z.ZodType<T>): Promise<T | Response> {
  const parsed = schema.safeParse(await context.req.json().catch(() => undefined));
  return parsed.success
    ? parsed.data
    : context.json({ error: 'bad_request', issues: parsed.error.issues }, 400);
}

/**
 * The registry simulator as an HTTP service with the same wire protocol the HTTP adapters
 * speak (src/integrations/remote/), so the adapters are tested exactly as against a real
 * endpoint. Test control: POST /__control/faults arms a delay or failure, DELETE clears,
 * GET /__control/consent-codes/:requestId reads the code "sent" to the citizen,
 * POST /__control/mobile-citizens binds a phone to an IIN in БМГ.
 */
export function createSimulatorApp(options: SimulatorServerOptions = {}): {
  app: Hono;
  simulator: RegistrySimulator;
} {
  const simulator = options.simulator ?? createRegistrySimulator();
  const app = new Hono();
  let faults: SimulatorFault[] = [];

  if (options.control ?? true) {
    app.post('/__control/faults', async (context) => {
      const fault = await parseBody(context, SimulatorFault);
      if (fault instanceof Response) return fault;
      faults.push(fault);
      return context.json({ armed: faults.length }, 201);
    });
    app.delete('/__control/faults', (context) => {
      faults = [];
      return context.body(null, 204);
    });
    app.get('/__control/consent-codes/:requestId', (context) => {
      const code = simulator.peekConsentCode(context.req.param('requestId'));
      return code ? context.json({ code }) : context.json({ status: 'not_found' }, 404);
    });
    app.post('/__control/mobile-citizens', async (context) => {
      const body = await parseBody(context, BindPhoneBody);
      if (body instanceof Response) return body;
      simulator.bindPhone(body.iin, body.phone);
      return context.body(null, 204);
    });
  }

  app.use('*', async (context, next) => {
    if (context.req.path.startsWith('/__control')) return next();
    const fault = faults.find(
      (candidate) => !candidate.pathContains || context.req.path.includes(candidate.pathContains),
    );
    if (!fault) return next();
    fault.times -= 1;
    if (fault.times <= 0) faults = faults.filter((candidate) => candidate !== fault);
    if (fault.mode === 'fail')
      return context.json({ error: 'simulated_failure' }, fault.status as 503);
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    return next();
  });

  app.get('/health', (context) =>
    context.json({ status: 'ok', people: simulator.data.people.length }),
  );

  app.get('/person-registry/persons/:iin', async (context) => {
    const result = await simulator.persons.findPerson(context.req.param('iin'));
    return result.status === 'found'
      ? context.json({ person: result.data })
      : context.json({ status: 'not_found' }, 404);
  });

  app.get('/mobile-citizens/phones/:iin', async (context) => {
    const result = await simulator.mobileCitizens.findPhone(context.req.param('iin'));
    return result.status === 'found'
      ? context.json({ mobileCitizen: result.data })
      : context.json({ status: 'not_found' }, 404);
  });

  app.post('/notary-registry/powers-of-attorney/search', async (context) => {
    const query = await parseBody(context, PowerOfAttorneyQueryBody);
    if (query instanceof Response) return query;
    const result = await simulator.notary.findPowerOfAttorney(query);
    return result.status === 'found'
      ? context.json({ powerOfAttorney: result.data })
      : context.json({ status: 'not_found' }, 404);
  });

  app.post('/digital-documents/consent-requests', async (context) => {
    const request = await parseBody(context, ConsentRequestBody);
    if (request instanceof Response) return request;
    const result = await simulator.digitalDocuments.requestConsent(request);
    return result.status === 'consent_requested'
      ? context.json({ consentRequest: result.data }, 202)
      : context.json({ status: 'not_found' }, 404);
  });

  app.post('/digital-documents/consent-requests/:requestId/release', async (context) => {
    const body = await parseBody(context, ReleaseBody);
    if (body instanceof Response) return body;
    const result = await simulator.digitalDocuments.fetchDocument({
      requestId: context.req.param('requestId'),
      code: body.code,
    });
    switch (result.status) {
      case 'found':
        return context.json({ document: result.data });
      case 'not_found':
        return context.json({ status: 'not_found' }, 404);
      case 'consent_refused':
        return context.json({ status: 'consent_refused', reason: result.reason }, 409);
    }
  });

  return { app, simulator };
}

export interface RunningSimulator {
  readonly port: number;
  readonly url: string;
  readonly simulator: RegistrySimulator;
  close(): Promise<void>;
}

/** Starts the simulator on `port` (0: a free port) and resolves once it listens. */
export async function startSimulatorServer(
  options: SimulatorServerOptions & { port?: number; host?: string } = {},
): Promise<RunningSimulator> {
  const { app, simulator } = createSimulatorApp(options);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const instance = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () =>
      resolve(instance as Server),
    ) as Server;
    instance.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    simulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
