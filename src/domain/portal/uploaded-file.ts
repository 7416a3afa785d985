/**
 * The files a citizen may upload to a portal application: PDF, JPEG or PNG, recognised by
 * their first bytes (a renamed file is refused), at most `maxFileBytes` each and
 * `maxDraftBytes` for all the files of one application (issue 8: "documents uploaded with
 * type and size limits").
 */

export const UploadMediaType = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
} as const;
export type UploadMediaType = (typeof UploadMediaType)[keyof typeof UploadMediaType];

/** The largest file: 10 MB. */
export const maxFileBytes = 10 * 1024 * 1024;
/** All the files of one application together: 24 MB (a page request carries at most 25 MB). */
export const maxDraftBytes = 24 * 1024 * 1024;
/** The most files one application may carry (the engine accepts 50). */
export const maxDraftFiles = 20;

const signatures: readonly { type: UploadMediaType; bytes: readonly number[] }[] = [
  { type: UploadMediaType.pdf, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: UploadMediaType.jpeg, bytes: [0xff, 0xd8, 0xff] },
  { type: UploadMediaType.png, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The media type the content really has (by magic bytes), or undefined when not allowed. */
export function detectMediaType(content: Uint8Array): UploadMediaType | undefined {
  return signatures.find((signature) =>
    signature.bytes.every((byte, index) => content[index] === byte),
  )?.type;
}

/** Why a file is refused. */
export const UploadProblem = {
  empty: 'file_empty',
  type: 'file_type',
  tooLarge: 'file_too_large',
  totalTooLarge: 'files_total_too_large',
  tooMany: 'too_many_files',
} as const;
export type UploadProblem = (typeof UploadProblem)[keyof typeof UploadProblem];

/**
 * Checks one upload against the limits, given what the application already carries.
 * Returns the media type, or the problem.
 */
export function checkUpload(
  content: Uint8Array,
  already: { readonly files: number; readonly bytes: number },
): { ok: true; mediaType: UploadMediaType } | { ok: false; problem: UploadProblem } {
  if (content.byteLength === 0) return { ok: false, problem: UploadProblem.empty };
  if (content.byteLength > maxFileBytes) return { ok: false, problem: UploadProblem.tooLarge };
  const mediaType = detectMediaType(content);
  if (!mediaType) return { ok: false, problem: UploadProblem.type };
  if (already.files + 1 > maxDraftFiles) return { ok: false, problem: UploadProblem.tooMany };
  if (already.bytes + content.byteLength > maxDraftBytes) {
    return { ok: false, problem: UploadProblem.totalTooLarge };
  }
  return { ok: true, mediaType };
}

/** A file name safe to show and store: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (cleaned || 'document').slice(-200);
}
