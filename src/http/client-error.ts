import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorTable } from './error-table.js';

/** The three languages of a message, for an answer given before the request's language is known. */
function inEveryLanguage(code: 'payload_too_large' | 'bad_request'): string {
  const { kk, ru, en } = errorTable[code].message;
  return `${kk} / ${ru} / ${en}`;
}

/**
 * A request that Node's HTTP parser refuses never reaches the app: headers or a URL over the
 * header limit (431), a request line or header that does not parse (400). Node answers those
 * with an empty body; this answers with the error table's code and message instead (in kk, ru
 * and en: the Accept-Language header was not read), then closes the connection.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const isOverflow = error.code === 'HPE_HEADER_OVERFLOW';
    if (!socket.writable || (error.code !== undefined && !error.code.startsWith('HPE_'))) {
      socket.destroy();
      return;
    }
    const code = isOverflow ? 'payload_too_large' : 'bad_request';
    const body = JSON.stringify({ error: { code, message: inEveryLanguage(code) } });
    socket.end(
      `HTTP/1.1 ${isOverflow ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        'content-type: application/json; charset=utf-8\r\n' +
        'x-content-type-options: nosniff\r\n' +
        'connection: close\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}
