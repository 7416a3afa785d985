import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import type { Database } from '../storage/db.js';
import { insertGatewayCall } from '../storage/gateway-call.repository.js';
import { withCallLog } from './call-log.js';
import { createHttpRegistryGateway, type HttpGatewayOptions } from './remote/http-registries.js';
import type { RegistryGateway } from './registries.js';
import { createRegistrySimulator, type SimulatorOptions } from './simulator/registry-simulator.js';
import { startSimulatorServer } from './simulator/server.js';

export type GatewaySettings =
  | ({ readonly kind: 'simulator' } & SimulatorOptions)
  | ({ readonly kind: 'http' } & HttpGatewayOptions);

interface GatewayDependencies {
  db: Database;
  logger?: Logger;
  now?: () => number;
}

/**
 * The registry gateway the application uses: the in-process simulator or the HTTP adapters,
 * wrapped so that every call lands in the gateway_call table and the log.
 */
export function createRegistryGateway(
  settings: GatewaySettings,
  dependencies: GatewayDependencies,
): RegistryGateway {
  const gateway =
    settings.kind === 'simulator'
      ? createRegistrySimulator(settings)
      : createHttpRegistryGateway(settings);
  return withCallLog(gateway, {
    adapter: settings.kind,
    record: (entry) => insertGatewayCall(dependencies.db, entry),
    logger: dependencies.logger,
    now: dependencies.now,
  });
}

/** The gateway of a running server, and the embedded simulator behind it when there is one. */
export interface RunningRegistryGateway {
  readonly gateway: RegistryGateway;
  /** Where the embedded simulator answers, when some adapter has no real endpoint. */
  readonly simulatorUrl?: string;
  close(): Promise<void>;
}

/**
 * Builds the gateway of `qyzmet serve`: every registry adapter talks HTTP (timeouts, retries,
 * circuit breaker — remote/resilient-client.ts) to its configured endpoint
 * (REGISTRY_<ADAPTER>_URL, else REGISTRY_GATEWAY_URL). When some adapter has neither — the
 * embedded default — the registry simulator is started on the loopback and answers it over
 * the same wire protocol a real endpoint speaks, so the embedded default runs the real adapters.
 */
export async function startRegistryGateway(
  settings: Config['registries'],
  dependencies: GatewayDependencies,
): Promise<RunningRegistryGateway> {
  const { endpoints } = settings;
  const isFullyConfigured =
    settings.kind === 'http' ||
    (endpoints.personRegistryUrl !== undefined &&
      endpoints.notaryRegistryUrl !== undefined &&
      endpoints.digitalDocumentsUrl !== undefined);
  const simulator = isFullyConfigured
    ? undefined
    : await startSimulatorServer({ port: 0, host: '127.0.0.1', control: false });
  const baseUrl = settings.kind === 'http' ? settings.baseUrl : simulator!.url;
  const gateway = withCallLog(createHttpRegistryGateway({ baseUrl, ...endpoints }), {
    adapter: simulator ? 'simulator' : 'http',
    record: (entry) => insertGatewayCall(dependencies.db, entry),
    logger: dependencies.logger,
    now: dependencies.now,
  });
  if (simulator) {
    dependencies.logger?.info(
      { url: simulator.url, people: simulator.simulator.data.people.length },
      'registry simulator answering the registry adapters without an endpoint',
    );
  }
  return {
    gateway,
    ...(simulator ? { simulatorUrl: simulator.url } : {}),
    close: async () => {
      await simulator?.close();
    },
  };
}
