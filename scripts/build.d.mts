/** Builds dist/ when it is missing or older than a source; returns true when it compiled. */
export function ensureBuilt(options?: { force?: boolean; quiet?: boolean }): boolean;
