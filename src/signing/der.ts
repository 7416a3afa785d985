/**
 * A minimal reader of DER/BER tag-length-value elements that only records offsets, so a CMS
 * can be walked without building an object per node (verification is a hot path: see
 * bench/signature-verify.bench.ts). Indefinite lengths (BER) are supported; multi-byte tag
 * numbers are not (CMS does not use them).
 */
export interface Element {
  /** Class: 0 universal, 1 application, 2 context-specific, 3 private. */
  tagClass: number;
  constructed: boolean;
  tagNumber: number;
  /** Offset of the identifier byte. */
  start: number;
  contentStart: number;
  contentEnd: number;
  /** Offset just after the element (after the end-of-contents octets when indefinite). */
  end: number;
}

/** Thrown for bytes that are not a well-formed element. */
export class DerError extends Error {
  override name = 'DerError';
}

/** Reads the element starting at `offset`. */
export function readElement(bytes: Uint8Array, offset: number, limit = bytes.length): Element {
  if (offset + 2 > limit) throw new DerError('truncated element');
  const first = bytes[offset]!;
  const tagNumber = first & 0x1f;
  if (tagNumber === 0x1f) throw new DerError('multi-byte tag numbers are not supported');
  const constructed = (first & 0x20) !== 0;
  let position = offset + 1;
  const lengthByte = bytes[position++]!;
  if (lengthByte === 0x80) {
    if (!constructed) throw new DerError('indefinite length on a primitive element');
    let cursor = position;
    while (!(bytes[cursor] === 0 && bytes[cursor + 1] === 0)) {
      if (cursor + 2 > limit) throw new DerError('missing end-of-contents');
      cursor = readElement(bytes, cursor, limit).end;
    }
    return {
      tagClass: first >> 6,
      constructed,
      tagNumber,
      start: offset,
      contentStart: position,
      contentEnd: cursor,
      end: cursor + 2,
    };
  }
  let length = lengthByte;
  if (lengthByte > 0x80) {
    const count = lengthByte & 0x7f;
    if (count > 4) throw new DerError('length too long');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + bytes[position++]!;
  }
  const contentEnd = position + length;
  if (contentEnd > limit) throw new DerError('element longer than its container');
  return {
    tagClass: first >> 6,
    constructed,
    tagNumber,
    start: offset,
    contentStart: position,
    contentEnd,
    end: contentEnd,
  };
}

/** The elements inside a constructed element. */
export function childrenOf(bytes: Uint8Array, parent: Element): Element[] {
  const children: Element[] = [];
  let cursor = parent.contentStart;
  while (cursor < parent.contentEnd) {
    const child = readElement(bytes, cursor, parent.contentEnd);
    children.push(child);
    cursor = child.end;
  }
  return children;
}

/** The content bytes of an element (a view, not a copy). */
export function contentOf(bytes: Uint8Array, element: Element): Uint8Array {
  return bytes.subarray(element.contentStart, element.contentEnd);
}

/** The whole element, identifier and length included (a view). */
export function encodingOf(bytes: Uint8Array, element: Element): Uint8Array {
  return bytes.subarray(element.start, element.end);
}

/** The content of an OCTET STRING, joining the chunks of a constructed (BER) one. */
export function octetsOf(bytes: Uint8Array, element: Element): Uint8Array {
  if (!element.constructed) return contentOf(bytes, element);
  return Buffer.concat(childrenOf(bytes, element).map((chunk) => octetsOf(bytes, chunk)));
}

/** Dotted text of an OBJECT IDENTIFIER element. */
export function oidOf(bytes: Uint8Array, element: Element): string {
  if (element.tagClass !== 0 || element.tagNumber !== 6) throw new DerError('not an OID');
  const parts: number[] = [];
  let value = 0;
  for (let i = element.contentStart; i < element.contentEnd; i += 1) {
    const byte = bytes[i]!;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (parts.length === 0)
        parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** The instant of a UTCTime (tag 23) or GeneralizedTime (tag 24) element. */
export function timeOf(bytes: Uint8Array, element: Element): Date {
  const text = Buffer.from(contentOf(bytes, element)).toString('latin1');
  const match =
    element.tagNumber === 23
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : element.tagNumber === 24
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.(\d{1,3})\d*)?Z$/.exec(text)
        : null;
  if (!match) throw new DerError('not a UTC time');
  let year = Number(match[1]);
  if (element.tagNumber === 23) year += year < 50 ? 2000 : 1900;
  const millis = element.tagNumber === 24 && match[7] ? Number(match[7].padEnd(3, '0')) : 0;
  return new Date(
    Date.UTC(
      year,
      Number(match[2]) - 1,
      Number(match[3]),
      Number(match[4]),
      Number(match[5]),
      Number(match[6] ?? 0),
      millis,
    ),
  );
}

/** Whether an element has this class and tag number. */
export function isTag(
  element: Element | undefined,
  tagClass: number,
  tagNumber: number,
): element is Element {
  return element !== undefined && element.tagClass === tagClass && element.tagNumber === tagNumber;
}
