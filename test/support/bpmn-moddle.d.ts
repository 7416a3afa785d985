declare module 'bpmn-moddle' {
  /** A parsed BPMN element: `$type` plus its properties (only what the tests read). */
  export interface ModdleElement {
    $type: string;
    id?: string;
    name?: string;
    [property: string]: unknown;
  }
  /** bpmn-moddle's reader (the package ships no declaration for its main entry). */
  export class BpmnModdle {
    fromXML(
      xml: string,
      typeName?: string,
    ): Promise<{
      rootElement: ModdleElement;
      warnings: { message: string }[];
      elementsById: Record<string, ModdleElement>;
    }>;
  }
}
