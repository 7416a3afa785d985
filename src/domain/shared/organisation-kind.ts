/**
 * Kinds of organisation are data: regulations/_vocabulary/provider-kinds.yaml declares them,
 * with their kk/ru/en names, and a region adds its own there. The one kind the engine itself
 * knows is the front office of the Government for Citizens state corporation: it takes
 * applications for any provider, keeps courier registers and hands results out.
 */
export const frontOfficeKind = 'front_office';
