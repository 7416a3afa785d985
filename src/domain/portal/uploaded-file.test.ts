import { describe, expect, it } from 'vitest';
import {
  checkUpload,
  cleanFileName,
  detectMediaType,
  maxDraftBytes,
  maxFileBytes,
  UploadProblem,
} from './uploaded-file.js';

const pdf = new TextEncoder().encode('%PDF-1.7\n%…');
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const none = { files: 0, bytes: 0 };

describe('uploads', () => {
  it.each([
    [pdf, 'application/pdf'],
    [png, 'image/png'],
    [jpeg, 'image/jpeg'],
    [new TextEncoder().encode('MZ\x90\x00 an executable'), undefined],
    [new TextEncoder().encode('PDF-1.7 without the percent'), undefined],
  ])('recognises the type by the first bytes (%#)', (content, type) => {
    expect(detectMediaType(content)).toBe(type);
  });

  it('refuses empty, too large, wrong type, too much in all', () => {
    expect(checkUpload(new Uint8Array(0), none)).toEqual({
      ok: false,
      problem: UploadProblem.empty,
    });
    const big = new Uint8Array(maxFileBytes + 1);
    big.set(pdf);
    expect(checkUpload(big, none)).toEqual({ ok: false, problem: UploadProblem.tooLarge });
    expect(checkUpload(new TextEncoder().encode('hello'), none)).toEqual({
      ok: false,
      problem: UploadProblem.type,
    });
    expect(checkUpload(pdf, { files: 1, bytes: maxDraftBytes - 2 })).toEqual({
      ok: false,
      problem: UploadProblem.totalTooLarge,
    });
    expect(checkUpload(pdf, { files: 1, bytes: 100 })).toEqual({
      ok: true,
      mediaType: 'application/pdf',
    });
  });

  it('keeps only the base name of a file', () => {
    expect(cleanFileName('C:\\Users\\me\\scan.pdf')).toBe('scan.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('  ')).toBe('document');
  });
});
