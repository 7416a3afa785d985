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

/**
 * The QR codes found on the first page of a PDF: rasterised with `pdftoppm` (poppler-utils)
 * and decoded with `zbarimg` (Debian package zbar-tools).
 */
export function pdfQrCodes(pdf: Uint8Array): string[] {
  return withTemporaryFile(pdf, (file) => {
    const prefix = `${file}-page`;
    execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', file, prefix]);
    const image = fs
      .readdirSync(path.dirname(file))
      .find((name) => name.startsWith(path.basename(prefix)));
    if (!image) throw new Error('pdftoppm produced no image');
    const output = execFileSync(
      'zbarimg',
      ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', path.join(path.dirname(file), image)],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    return output.split('\n').filter((line) => line.trim() !== '');
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
