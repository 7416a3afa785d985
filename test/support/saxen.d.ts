declare module 'saxen' {
  /** A small namespace-aware SAX parser (used by moddle-xml); only what the tests use. */
  export class Parser {
    constructor(options?: { proxy?: boolean });
    on(
      event: 'openTag',
      handler: (
        name: string,
        getAttributes: () => Record<string, string>,
        decodeEntities: (text: string) => string,
        selfClosing: boolean,
      ) => void,
    ): this;
    on(event: 'closeTag', handler: (name: string) => void): this;
    on(event: 'error' | 'warn', handler: (error: Error) => void): this;
    on(
      event: 'text',
      handler: (text: string, decodeEntities: (text: string) => string) => void,
    ): this;
    parse(xml: string): this;
  }
}
