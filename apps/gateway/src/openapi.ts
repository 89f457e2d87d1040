import { ERROR_CODES } from '@minifaas/protocol';

/**
 * The HTTP API as OpenAPI 3.1, written by hand next to the routes; a test fails when a route
 * express serves is missing here or a path here is not served. Served at GET /openapi.json.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(ref('Error'), description);
const name = { name: 'name', in: 'path', required: true, description: 'Function name (or, where noted, an id)', schema: { type: 'string' } };
const bearer = [{ bearer: [] }, {}];
const errors = {
  '400': error('Bad input; see `code`'),
  '401': error('UNAUTHORIZED: the route needs the token'),
  '403': error('FORBIDDEN: a browser request from another site or origin'),
  '404': error('FUNCTION_NOT_FOUND'),
};
const invocationErrors = {
  '400': error('BAD_REQUEST: a missing, repeated or unknown query parameter, or a path the trigger cannot pass on'),
  '401': error('UNAUTHORIZED: FAAS_INVOKE_TOKEN (or the API token) is set and was not given'),
  '404': error('FUNCTION_NOT_FOUND'),
  '413': error('PAYLOAD_TOO_LARGE'),
  '429': error('QUEUE_FULL; retry after Retry-After seconds'),
  '502': error('FUNCTION_FAILED, MEMORY_LIMIT or WORKER_LOST'),
  '503': error('NO_WORKER, SERVICE_UNAVAILABLE, TOOLCHAIN_MISSING or SANDBOX_UNAVAILABLE'),
  '504': error('TIMEOUT'),
};
/** What a run reports, in a success (InvokeReply) and in a failure where the function ran (Error). */
const runFields = {
  output: { type: 'string' },
  outputEncoding: { const: 'base64' },
  stderr: { type: 'string' },
  stderrEncoding: { const: 'base64' },
  truncated: { type: 'boolean' },
  durationMs: { type: 'number' },
  worker: { type: 'string' },
  cold: { type: 'boolean' },
};
const rawBody = (description: string) => ({ required: false, description, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } });

const trigger = (withRest: boolean) => {
  const parameters = [
    name,
    ...(withRest
      ? [{ name: 'rest', in: 'path', required: true, description: 'The rest of the path, given as PATH_INFO; it may hold several segments (/fn/NAME/a/b)', schema: { type: 'string' } }]
      : []),
  ];
  const operation = (method: string) => ({
    summary: `Runs a function with this ${method} request (HTTP trigger)${method === 'GET' ? '; HEAD runs it as a GET and answers the headers only' : ''}`,
    description:
      'The request body is stdin; method, path, query and selected headers are CGI variables (see the README). The reply body is the output: text/html for html functions, else text/plain unless the output starts with a CGI header block (Content-Type:, Status:, Location:, Cache-Control:). Served with Content-Security-Policy: sandbox.',
    security: [{ bearer: [] }, {}],
    parameters,
    ...(method === 'POST' ? { requestBody: rawBody('stdin of the function') } : {}),
    responses: {
      '200': { description: "The function's output", content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
      ...invocationErrors,
    },
  });
  return { get: operation('GET'), post: operation('POST') };
};

const DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'minifaas gateway',
    version: '0.1.0',
    description:
      'Deploy C, Rust, Go, JavaScript, Python, PHP and HTML functions and invoke them. Routes that change something need `Authorization: Bearer <FAAS_API_TOKEN>` when that variable is set; invocations need FAAS_INVOKE_TOKEN (or the API token) when it is set. Every path answers 405 METHOD_NOT_ALLOWED to a method it does not list.',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['ok', 'error', 'code'],
        properties: {
          ok: { const: false },
          error: { type: 'string', description: 'What happened and what to do; for people' },
          code: { enum: Object.keys(ERROR_CODES), description: 'Stable; see docs/errors.md' },
          invocationId: { type: 'string' },
          compilerOutput: { type: 'string', description: 'COMPILE_FAILED: what the compiler said' },
          id: { type: 'string', description: 'Invocation failures: the version that ran' },
          exitCode: { type: 'integer', description: 'Invocation failures where the function ran: as in InvokeReply' },
          ...runFields,
        },
      },
      Version: {
        type: 'object',
        properties: {
          ok: { type: 'boolean' },
          id: { type: 'string', examples: ['hello_1760055556'] },
          name: { type: 'string' },
          lang: { enum: ['c', 'rust', 'go', 'js', 'python', 'php', 'html'] },
          size: { type: 'integer', description: 'Source bytes' },
          wasm: { type: 'boolean' },
          wasmSize: { type: 'integer' },
          compileMs: { type: 'number' },
          createdAt: { type: 'string', format: 'date-time' },
          limits: { type: 'object', properties: { timeoutMs: { type: 'integer' }, memoryMiB: { type: 'integer' } } },
          env: { type: 'array', items: { type: 'string' }, description: 'Names of the environment variables given at deploy (never their values)' },
          prepared: {
            type: 'object',
            description: 'Deploy replies of C, Rust and Go: on how many workers the module was loaded before the reply (of is null when the dispatcher did not answer in time)',
            properties: { workers: { type: 'integer' }, of: { type: ['integer', 'null'] }, ms: { type: 'number' } },
          },
        },
      },
      InvokeReply: {
        type: 'object',
        properties: {
          ok: { type: 'boolean' },
          exitCode: { type: 'integer' },
          ...runFields,
          id: { type: 'string' },
          invocationId: { type: 'string' },
        },
      },
      Invocation: {
        type: 'object',
        properties: {
          invocationId: { type: 'string' },
          id: { type: 'string', description: 'The version that ran' },
          at: { type: 'string', format: 'date-time' },
          durationMs: { type: 'number', description: 'Time the guest ran on the worker' },
          totalMs: { type: 'number', description: 'Time from arrival at the gateway to the answer' },
          exitCode: { type: ['integer', 'null'] },
          code: { type: 'string', description: 'OK or the error code' },
          status: { type: 'integer', description: 'HTTP status the caller got' },
          worker: { type: ['string', 'null'] },
          cold: { type: 'boolean' },
          trigger: { enum: ['invoke', 'http'] },
          stderr: { type: 'string', description: 'The last 4 KiB' },
          stderrEncoding: { const: 'base64' },
          stderrCut: { type: 'boolean' },
        },
      },
      Strategy: {
        type: 'object',
        properties: { ok: { type: 'boolean' }, strategy: { type: 'string' }, available: { type: 'array', items: { type: 'string' } } },
      },
      Deleted: {
        type: 'object',
        properties: {
          ok: { type: 'boolean' },
          name: { type: 'string' },
          deleted: { type: 'array', items: { type: 'string' } },
          latestId: { type: ['string', 'null'], description: 'The version the name now means, if any is left' },
        },
      },
    },
  },
  paths: {
    '/deploy': {
      post: {
        summary: 'Deploys a new version of a function',
        security: bearer,
        parameters: [
          { name: 'name', in: 'query', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$' } },
          { name: 'lang', in: 'query', required: true, schema: { type: 'string' }, description: 'c, rust (rs), go (golang), js (javascript, node), python (py), php, html (htm)' },
          { name: 'timeoutMs', in: 'query', schema: { type: 'integer' } },
          { name: 'memoryMiB', in: 'query', schema: { type: 'integer' } },
          { name: 'X-Function-Env', in: 'header', schema: { type: 'string' }, description: 'Environment variables as one JSON object of strings, e.g. {"API_URL":"https://example.com"}' },
        ],
        requestBody: { required: true, description: 'The source, byte for byte', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
        responses: {
          '201': json(ref('Version'), 'Deployed'),
          '400': error('BAD_REQUEST, INVALID_NAME, UNKNOWN_LANGUAGE or EMPTY_SOURCE'),
          '401': error('UNAUTHORIZED'),
          '403': errors['403'],
          '413': error('PAYLOAD_TOO_LARGE'),
          '422': error('COMPILE_FAILED; compilerOutput has the compiler message'),
          '503': error('TOOLCHAIN_MISSING or SANDBOX_UNAVAILABLE'),
        },
      },
    },
    '/invoke': {
      post: {
        summary: 'Runs a function and answers with its output as JSON',
        security: [{ bearer: [] }, {}],
        parameters: [{ name: 'fn', in: 'query', required: true, schema: { type: 'string' }, description: 'An id, or a name (its latest version)' }],
        requestBody: rawBody('stdin of the function, byte for byte'),
        responses: { '200': json(ref('InvokeReply'), 'The function ran and exited 0'), ...invocationErrors, '403': errors['403'] },
      },
    },
    '/fn/{name}': trigger(false),
    '/fn/{name}/{rest}': trigger(true),
    '/functions': {
      get: {
        summary: 'Lists every function with its latest version',
        responses: {
          '200': json(
            {
              type: 'object',
              properties: {
                ok: { type: 'boolean' },
                functions: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      name: { type: 'string' },
                      latestId: { type: 'string' },
                      lang: { type: 'string' },
                      versions: { type: 'integer' },
                      createdAt: { type: 'string', format: 'date-time', description: 'When the oldest kept version was deployed' },
                      updatedAt: { type: 'string', format: 'date-time', description: 'When the latest version was deployed' },
                    },
                  },
                },
              },
            },
            'The functions, by name',
          ),
        },
      },
    },
    '/function/{name}': {
      get: {
        summary: 'The latest version of a function with its source (an id works too)',
        parameters: [name],
        responses: { '200': json({ allOf: [ref('Version'), { type: 'object', properties: { code: { type: 'string' }, codeEncoding: { const: 'base64' }, versions: { type: 'integer' } } }] }, 'The version'), '404': errors['404'] },
      },
      delete: {
        summary: 'Deletes every version of a function',
        security: bearer,
        parameters: [name],
        responses: { '200': json(ref('Deleted'), 'Deleted'), '401': errors['401'], '403': errors['403'], '404': errors['404'] },
      },
    },
    '/function/{name}/versions': {
      get: {
        summary: 'Every kept version of a function, newest first',
        parameters: [name],
        responses: { '200': json({ type: 'object', properties: { ok: { type: 'boolean' }, name: { type: 'string' }, versions: { type: 'array', items: ref('Version') } } }, 'The versions'), '404': errors['404'] },
      },
    },
    '/function/{name}/versions/{id}': {
      delete: {
        summary: 'Deletes one version; the name then means the newest one left',
        security: bearer,
        parameters: [name, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': json(ref('Deleted'), 'Deleted'), '401': errors['401'], '403': errors['403'], '404': errors['404'] },
      },
    },
    '/function/{name}/invocations': {
      get: {
        summary: 'The last 100 invocations of a function, newest first (kept in memory)',
        security: bearer,
        parameters: [name],
        responses: { '200': json({ type: 'object', properties: { ok: { type: 'boolean' }, name: { type: 'string' }, invocations: { type: 'array', items: ref('Invocation') } } }, 'The invocations'), '401': errors['401'], '404': errors['404'] },
      },
    },
    '/lb/strategy': {
      get: { summary: 'The load-balancing strategy in force', responses: { '200': json(ref('Strategy'), 'The strategy'), '503': error('SERVICE_UNAVAILABLE') } },
      put: {
        summary: 'Switches the load-balancing strategy at once',
        security: bearer,
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['strategy'], properties: { strategy: { type: 'string', examples: ['FIFO'] } } } } } },
        responses: { '200': json(ref('Strategy'), 'Switched'), '400': errors['400'], '401': errors['401'], '403': errors['403'], '503': error('SERVICE_UNAVAILABLE') },
      },
    },
    '/metrics': {
      get: { summary: 'Prometheus metrics of every service', responses: { '200': { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } } },
    },
    '/openapi.json': { get: { summary: 'This document', responses: { '200': json({ type: 'object' }, 'OpenAPI 3.1') } } },
    '/': { get: { summary: 'The dashboard page', responses: { '200': { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } } } } },
    '/dashboard.js': { get: { summary: "The dashboard's script", responses: { '200': { description: 'JavaScript', content: { 'text/javascript': { schema: { type: 'string' } } } } } } },
    '/dashboard.css': { get: { summary: "The dashboard's styles", responses: { '200': { description: 'CSS', content: { 'text/css': { schema: { type: 'string' } } } } } } },
    '/events': {
      get: {
        summary: 'Live feed of the dashboard: server-sent events, one `snapshot` (workers, strategy, functions with counts and p50/p99, recent invocations) a second and after invocations',
        security: bearer,
        responses: {
          '200': { description: 'text/event-stream of `event: snapshot` with a JSON `data` line', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          '401': errors['401'],
        },
      },
    },
    '/healthz': {
      get: {
        summary: 'Ready once the dispatcher answers and a worker is registered',
        responses: {
          '200': json({ type: 'object', properties: { ok: { type: 'boolean' }, workers: { type: 'integer' }, strategy: { type: 'string' }, queued: { type: 'integer' }, functions: { type: 'integer', description: 'Names' }, versions: { type: 'integer', description: 'Versions of all names' } } }, 'Ready'),
          '503': error('NO_WORKER or SERVICE_UNAVAILABLE'),
        },
      },
    },
  },
} as const;

/** Paths whose query is read by their handler, or not checked at all (the dashboard's files). */
const OWN_QUERY = new Set(['/deploy', '/invoke', '/fn/{name}', '/fn/{name}/{rest}', '/', '/dashboard.js', '/dashboard.css']);

/** Every other route answers 400 to any query parameter: said once here rather than on each. */
function withQueryRefusals<T extends { paths: Record<string, Record<string, { responses: object }>> }>(doc: T): T {
  const refusal = error('BAD_REQUEST: this route takes no query parameters');
  const paths = Object.fromEntries(
    Object.entries(doc.paths).map(([path, operations]) => [
      path,
      OWN_QUERY.has(path)
        ? operations
        : Object.fromEntries(Object.entries(operations).map(([method, op]) => [method, { ...op, responses: { '400': refusal, ...op.responses } }])),
    ]),
  );
  return { ...doc, paths };
}

export const OPENAPI_DOCUMENT = withQueryRefusals(DOCUMENT);
