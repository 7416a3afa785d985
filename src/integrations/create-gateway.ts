import type { Logger } from '../config/logger.js';
import type { Database } from '../storage/db.js';
import { insertGatewayCall } from '../storage/gateway-call.repository.js';
import { withCallLog } from './call-log.js';
import { createHttpRegistryGateway, type HttpGatewayOptions } from './remote/http-registries.js';
import type { RegistryGateway } from './registries.js';
import { createRegistrySimulator, type SimulatorOptions } from './simulator/registry-simulator.js';

export type GatewaySettings =
  | ({ readonly kind: 'simulator' } & SimulatorOptions)
  | ({ readonly kind: 'http' } & HttpGatewayOptions);

/**
 * The registry gateway the application uses: the in-process simulator (embedded default)
 * or the HTTP adapters, wrapped so that every call lands in the gateway_call table and the log.
 */
export function createRegistryGateway(
  settings: GatewaySettings,
  dependencies: { db: Database; logger?: Logger; now?: () => number },
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
