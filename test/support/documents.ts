import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Text of a PDF as poppler's `pdftotext` extracts it (Debian package poppler-utils).
 */
export function pdfText(pdf: Uint8Array): string {
  return withTemporaryFile(pdf, (file) =>
    execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
  );
}

/** The text of each page of a PDF (`pdftotext` ends every page with a form feed). */
export function pdfPages(pdf: Uint8Array): string[] {
  const pages = pdfText(pdf).split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/**
 * The QR codes found on the pages of a PDF (every page; an empty list when there is none):
 * rasterised with `pdftoppm` (poppler-utils) and decoded with `zbarimg` (Debian package
 * zbar-tools), which exits with status 4 when it finds no code.
 */
export function pdfQrCodes(pdf: Uint8Array): string[] {
  return withTemporaryFile(pdf, (file) => {
    const prefix = `${file}-page`;
    execFileSync('pdftoppm', ['-r', '150', '-png', file, prefix]);
    const images = fs
      .readdirSync(path.dirname(file))
      .filter((name) => name.startsWith(path.basename(prefix)))
      .sort();
    if (images.length === 0) throw new Error('pdftoppm produced no image');
    return images.flatMap((image) => {
      try {
        const output = execFileSync(
          'zbarimg',
          [
            '--quiet',
            '--raw',
            '-Sdisable',
            '-Sqrcode.enable',
            path.join(path.dirname(file), image),
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
        );
        return output.split('\n').filter((line) => line.trim() !== '');
      } catch (error) {
        if ((error as { status?: number }).status === 4) return [];
        throw error;
      }
    });
  });
}

function withTemporaryFile<T>(bytes: Uint8Array, work: (file: string) => T): T {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-pdf-'));
  try {
    const file = path.join(directory, 'document.pdf');
    fs.writeFileSync(file, bytes);
    return work(file);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
