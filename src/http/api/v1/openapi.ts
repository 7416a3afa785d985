import { z } from 'zod';
import type { ApiOperation } from './operation.js';

type JsonSchema = Record<string, unknown>;

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of a zod schema, for requests or responses. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
}

/** OpenAPI path syntax of a Hono route: /a/:id → /a/{id}. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** The parameters an object schema of path or query values describes. */
function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...schemaOnly } = property;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: schemaOnly,
      ...(location === 'query' && (schemaOnly.anyOf || schemaOnly.type === 'array')
        ? { style: 'form', explode: true }
        : {}),
    };
  });
}

/**
 * The OpenAPI 3.1 document of the JSON API, generated from the operations' zod schemas:
 * the same schemas that parse the requests (and, in the tests, the answers).
 */
export function buildOpenApiDocument(operations: readonly ApiOperation[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const path = openApiPath(operation.path);
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!response) continue;
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? { content: { 'application/json': { schema: jsonSchemaOf(response.schema, 'output') } } }
          : {}),
      };
    }
    paths[path] = {
      ...paths[path],
      [operation.method]: {
        operationId: operation.operationId,
        tags: [operation.tag],
        summary: operation.summary,
        ...(operation.description ? { description: operation.description } : {}),
        security: operation.isPublic ? [] : [{ bearerToken: [] }, { sessionCookie: [] }],
        parameters: [
          ...parametersOf(operation.params, 'path'),
          ...parametersOf(operation.query, 'query'),
          ...(operation.headers ?? []).map((header) => ({
            name: header.name,
            in: 'header',
            required: false,
            description: header.description,
            schema: { type: 'string' },
          })),
        ],
        ...(operation.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: jsonSchemaOf(operation.body, 'input') } },
              },
            }
          : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Qyzmet API',
      version,
      description:
        'Public services of Kazakhstan run as their regulations prescribe. Errors carry a stable code, a message in the language of Accept-Language (kk, ru, en) and details.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'Regulations', description: 'The catalogue of services in force' },
      { name: 'Applications', description: 'Submission, commands, reading, inboxes' },
      {
        name: 'Portal',
        description:
          'The portal channel: the signed-in citizen’s draft, certified by a one-time password',
      },
      { name: 'Public', description: 'No login' },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API token of an integrating system (qyzmet api-token create), scoped to one organisation and a role set',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'qyzmet_session',
          description: 'The session of a signed-in person (/api/auth/login)',
        },
      },
    },
  };
}
export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
