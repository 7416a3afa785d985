import { z } from 'zod';

/**
 * A detached CAdES-BES signature as NCALayer returns it (base64, line breaks allowed), over the
 * bytes named by `over`: what every signing command of the API takes.
 */
export function detachedCms(over: string) {
  return z
    .string()
    .min(16)
    .max(200_000)
    .regex(/^[A-Za-z0-9+/=\s]+$/)
    .describe(
      `Base64 CMS (CAdES-BES, detached) over ${over} (NCALayer createCAdESFromBase64Hash / basics.sign)`,
    );
}
