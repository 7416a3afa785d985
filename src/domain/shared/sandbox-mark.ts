import type { LocalizedText } from './locale.js';

/**
 * The mark of a sandbox installation (docs/sandbox.md): on every page it serves and on every
 * PDF it renders, so that nothing it produces passes for a legal act.
 */
export const sandboxMark: LocalizedText = {
  kk: 'ҚҰМ ЖӘШІК — заңдық күші жоқ',
  ru: 'ПЕСОЧНИЦА — не является юридическим актом',
  en: 'SANDBOX — not a legal act',
};

/**
 * The mark in one line, in the three languages, for documents (a document may be read in any of
 * them). A page shows the mark in its own language only.
 */
export const sandboxMarkLine = `${sandboxMark.kk} / ${sandboxMark.ru} / ${sandboxMark.en}`;
