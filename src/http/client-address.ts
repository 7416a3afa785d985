import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import type { TrustedProxy } from '../config/config.js';
import type { AppDependencies } from './app-env.js';

const cache = new WeakMap<readonly TrustedProxy[], BlockList>();

function blockListOf(proxies: readonly TrustedProxy[]): BlockList {
  let list = cache.get(proxies);
  if (!list) {
    list = new BlockList();
    for (const proxy of proxies) list.addSubnet(proxy.address, proxy.prefix, proxy.family);
    cache.set(proxies, list);
  }
  return list;
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) → `10.0.0.1`. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function isTrusted(list: BlockList, address: string): boolean {
  const version = isIP(address);
  return version !== 0 && list.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The address of the client, for rate limits and login throttling. The socket's address,
 * unless that socket is one of the configured reverse proxies (TRUSTED_PROXIES): then the
 * `X-Forwarded-For` chain is read from the right, skipping the trusted proxies, and the first
 * address not ours is the client. A header from anyone else is ignored — rotating it must not
 * buy an attacker fresh limits (issue 16, defect 6).
 */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  const socket = normalise(incoming?.socket?.remoteAddress ?? 'unknown');
  const proxies = (c.get('deps') as AppDependencies).config.trustedProxies;
  if (proxies.length === 0) return socket;
  const list = blockListOf(proxies);
  if (!isTrusted(list, socket)) return socket;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => normalise(entry.trim()))
    .filter(Boolean);
  for (let index = forwarded.length - 1; index >= 0; index -= 1) {
    const hop = forwarded[index]!;
    if (isIP(hop) === 0) return socket;
    if (!isTrusted(list, hop)) return hop;
  }
  return forwarded[0] ?? socket;
}
