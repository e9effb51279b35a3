import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { freePort } from '../support/free-port.mjs';
import { NodeProcess, runCli } from '../support/node-process.js';
import { caseInput } from '../support/case-factory.js';
import { buildOperation, loadSchema, schemaOperations, type LeafValue } from '../support/schema-operations.js';
import { createTestDatabase } from '../support/test-database.js';
import { CLEAR_CODES, LEAK, anyJson, fuzzSeed, hostileString } from './hostile-input.js';

const seed = fuzzSeed('hostile-graphql');
const operations = schemaOperations(loadSchema()).filter((op) => op.kind !== 'Subscription');
/** Operations that take text: every string and id leaf of their arguments gets hostile text. */
const textOperations = operations.filter((op) => {
  let hasText = false;
  buildOperation(
    op,
    (type, _path, enumValues) => {
      if (type === 'String' || type === 'ID') hasText = true;
      return (
        enumValues[0] ??
        (type === 'Int' || type === 'Float' ? 1 : type === 'Boolean' ? false : type === 'JSON' ? {} : 'x')
      );
    },
    { allArgs: true },
  );
  return hasText;
});

interface Answer {
  status: number;
  text: string;
  json?: {
    data?: unknown;
    errors?: { message?: unknown; extensions?: { code?: unknown } }[];
    error?: { code?: unknown; message?: unknown };
  };
}

/** Why an answer is not a clean one (a result, or a rejection with a clear code and message), or undefined. */
function problemOf(answer: Answer): string | undefined {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  if (!answer.json) return 'the answer is not JSON';
  if (LEAK.test(answer.text)) return 'the answer shows server internals';
  const { errors, error, data } = answer.json;
  if (error)
    return CLEAR_CODES.has(String(error.code)) && typeof error.message === 'string' && error.message
      ? undefined
      : 'unclear HTTP error';
  if (!errors?.length) return data === undefined ? 'neither data nor errors' : undefined;
  for (const e of errors) {
    if (!CLEAR_CODES.has(String(e.extensions?.code))) return `error code ${String(e.extensions?.code)}`;
    if (typeof e.message !== 'string' || !e.message.trim()) return 'an error without a message';
  }
  return undefined;
}

describe('hostile GraphQL input against a real node process', () => {
  let node: NodeProcess;
  let url: string;
  let token: string;

  async function post(body: string | Buffer, headers: Record<string, string> = {}, withToken = true): Promise<Answer> {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(withToken ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body,
    });
    const text = await response.text();
    let json: Answer['json'];
    try {
      json = JSON.parse(text) as Answer['json'];
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  }

  function expectClean(answer: Answer, what: string): void {
    const problem = problemOf(answer);
    if (problem)
      throw new Error(`${what}: ${problem}: HTTP ${answer.status} ${answer.text.slice(0, 600)} (seed ${seed})`);
  }

  beforeAll(async () => {
    const port = await freePort();
    const env = {
      DATABASE_URL: await createTestDatabase('hostile_graphql'),
      PORT: String(port),
      FEDERATION_PORT: String(await freePort()),
      FEDNODE_TAXII__PORT: String(await freePort()),
      FEDNODE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fednode-hostile-')),
      NODE_CONFIG: 'config/kh-gdce.yaml',
    };
    node = new NodeProcess(env);
    await node.waitForLog('node.started', 90_000);
    url = `http://127.0.0.1:${port}`;
    const password = 'hostile-input-password-1';
    const added = await runCli(
      'dist/cli/user.cli.js',
      ['add', '--username', 'fuzz-all-roles', '--role', 'ANALYST,LIAISON_OFFICER,ADMIN,AUDITOR'],
      env,
      `${password}\n`,
    );
    if (added.code !== 0) throw new Error(added.stderr);
    const login = await post(
      JSON.stringify({
        query: 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        variables: { u: 'fuzz-all-roles', p: password },
      }),
      {},
      false,
    );
    token = (login.json?.data as { login: { token: string } }).login.token;
  }, 120_000);

  afterAll(async () => {
    await node?.stop('SIGKILL');
  });

  it('answers random and malformed documents with a clear error, never a 5xx', async () => {
    const token = fc.constantFrom(
      '{',
      '}',
      '(',
      ')',
      '[',
      ']',
      ':',
      '$',
      '!',
      '=',
      '@',
      '|',
      '&',
      ',',
      '...',
      '#',
      '"',
      '"""',
      '\\',
      '\\u',
      'query',
      'mutation',
      'subscription',
      'fragment',
      'on',
      'F',
      'nodeInfo',
      'login',
      'cases',
      'case',
      'me',
      'users',
      'id',
      'name',
      '__typename',
      '__schema',
      '__type',
      'types',
      'fields',
      'ofType',
      'alertRaised',
      'screen',
      'identifiers',
      '@include',
      '@skip',
      '(if: true)',
      'null',
      'true',
      '1',
      '-0.5e3',
      '99999999999999999999',
      'Int',
      'String!',
      '$v',
      'ID',
      '[ID!]!',
    );
    const document = fc.oneof(
      fc.array(token, { maxLength: 40 }).map((tokens) => tokens.join(' ')),
      fc.array(fc.oneof(token, hostileString), { maxLength: 12 }).map((tokens) => tokens.join('')),
      hostileString,
    );
    await fc.assert(
      fc.asyncProperty(
        document,
        fc.boolean(),
        fc.option(fc.oneof(hostileString, fc.constant('Probe')), { nil: undefined }),
        async (query, withToken, operationName) => {
          expectClean(
            await post(JSON.stringify({ query, operationName }), {}, withToken),
            `document ${JSON.stringify(query).slice(0, 200)}`,
          );
        },
      ),
      { seed, numRuns: 150 },
    );
  });

  it('answers wrong and malformed variables of every operation with a clear error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { maxKeys: 4 }),
        fc.boolean(),
        async (operation, extra, replace) => {
          const built = buildOperation(operation, undefined, { allArgs: true });
          // Either the real variables with random values in their place, or the right ones plus random extras.
          const variables = replace
            ? Object.fromEntries(Object.keys(built.variables).map((name, i) => [name, Object.values(extra)[i] ?? null]))
            : { ...built.variables, ...extra };
          expectClean(
            await post(JSON.stringify({ query: built.query, variables })),
            `${operation.name} with variables ${JSON.stringify(variables).slice(0, 300)}`,
          );
        },
      ),
      { seed, numRuns: 100 },
    );
  });

  it('takes unicode, control characters, lone surrogates and NUL in every string argument of every operation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...textOperations),
        fc.array(hostileString, { minLength: 1, maxLength: 40 }),
        async (operation, strings) => {
          let next = 0;
          const leaf: LeafValue = (type, leafPath, enumValues) => {
            if (type === 'String' || type === 'ID') return strings[next++ % strings.length];
            if (enumValues.length) return enumValues[0];
            return type === 'DateTime'
              ? new Date(Date.now() + 86_400_000).toISOString()
              : type === 'JSON'
                ? { leafPath }
                : type === 'Boolean'
                  ? false
                  : 1;
          };
          const built = buildOperation(operation, leaf, { allArgs: true });
          expectClean(
            await post(JSON.stringify(built)),
            `${operation.name} with ${JSON.stringify(built.variables).slice(0, 300)}`,
          );
        },
      ),
      { seed, numRuns: 200 },
    );
  });

  it('stores hostile text exactly as sent, or refuses it clearly: nothing silently altered', async () => {
    let stored = 0;
    const refused: string[] = [];
    const create =
      'mutation ($input: CaseInput!) { createCase(input: $input) { id title summary subjects { aliases } } }';
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (title, alias) => {
        const sent = caseInput({
          title,
          summary: `summary ${title}`,
          subjects: [{ id: 'p1', names: ['KIM Min-jun'], aliases: [alias] }],
        });
        const answer = await post(JSON.stringify({ query: create, variables: { input: sent } }));
        expectClean(
          answer,
          `createCase with title ${JSON.stringify(title).slice(0, 100)}, alias ${JSON.stringify(alias).slice(0, 100)}`,
        );
        const created = (answer.json?.data as { createCase?: { id: string } } | null)?.createCase;
        if (!created) {
          refused.push(String(answer.json?.errors?.[0]?.message));
          return;
        }
        stored += 1;
        const read = await post(
          JSON.stringify({
            query: 'query ($id: ID!) { case(id: $id) { title summary subjects { aliases } } }',
            variables: { id: created.id },
          }),
        );
        // Case text is trimmed (documented normalisation); nothing else may change.
        expect(read.json?.data).toEqual({
          case: { title: title.trim(), summary: `summary ${title}`.trim(), subjects: [{ aliases: [alias.trim()] }] },
        });
      }),
      { seed, numRuns: 60 },
    );
    // Not vacuous: most hostile text is legitimate and stored.
    if (stored < 5)
      throw new Error(`only ${stored} of 60 cases stored; refusals: ${refused.slice(0, 5).join(' | ')} (seed ${seed})`);
  });

  it('refuses oversized, truncated, mistyped and wrongly shaped bodies with a clear 4xx', async () => {
    const cases: [string, string | Buffer, Record<string, string>][] = [
      [
        'a body over the 4 MB limit',
        JSON.stringify({ query: '{ nodeInfo { id } }', variables: { pad: 'x'.repeat(5 * 1024 * 1024) } }),
        {},
      ],
      ['a truncated JSON body', '{"query": "{ nodeInfo { id } }", "variables": {"a": [1, 2', {}],
      ['a body that is not JSON', 'query { nodeInfo { id } }', {}],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]), {}],
      ['an empty body', '', {}],
      ['JSON null', 'null', {}],
      ['a JSON string', '"{ nodeInfo { id } }"', {}],
      ['a number as query', '{"query": 5}', {}],
      ['an object as variables', '{"query": "query ($a: Int) { cases(first: $a) { id } }", "variables": "nope"}', {}],
      ['a batch array', JSON.stringify([{ query: '{ nodeInfo { id } }' }, { query: '{ me { id } }' }]), {}],
      ['an empty batch', '[]', {}],
      [
        'deeply nested JSON variables',
        `{"query": "{ nodeInfo { id } }", "variables": {"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
        {},
      ],
      ['text/plain (CSRF guard)', JSON.stringify({ query: '{ nodeInfo { id } }' }), { 'content-type': 'text/plain' }],
      [
        'a content type with a foreign charset',
        JSON.stringify({ query: '{ nodeInfo { id } }' }),
        { 'content-type': 'application/json; charset=utf-16' },
      ],
      [
        'a gzip content-encoding on a plain body',
        JSON.stringify({ query: '{ nodeInfo { id } }' }),
        { 'content-encoding': 'gzip' },
      ],
      ['a subscription over HTTP', JSON.stringify({ query: 'subscription { alertRaised { id } }' }), {}],
      [
        'a persisted query hash',
        JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
        {},
      ],
      [
        'two operations without operationName',
        JSON.stringify({ query: 'query A { me { id } } query B { me { id } }' }),
        {},
      ],
      ['an unknown operationName', JSON.stringify({ query: 'query A { me { id } }', operationName: 'B' }), {}],
    ];
    const problems: string[] = [];
    for (const [what, body, headers] of cases) {
      const answer = await post(body, headers);
      const problem = problemOf(answer);
      if (problem) problems.push(`${what}: ${problem}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
    }
    expect(problems).toEqual([]);
    const oversized = await post(
      JSON.stringify({ query: '{ nodeInfo { id } }', variables: { pad: 'x'.repeat(5 * 1024 * 1024) } }),
    );
    expect(oversized.status).toBe(413);
  });

  it('refuses deep, wide and repetitive queries before running them', async () => {
    const nested = (depth: number) => `query { ${'cases { '.repeat(depth)}id${' }'.repeat(depth)} }`;
    const cases: [string, string][] = [
      ['nesting past the depth limit', nested(30)],
      ['nesting of 5,000 selection sets', `{ ${'a { '.repeat(5_000)}b${' }'.repeat(5_000)} }`],
      ['nesting of 200,000 selection sets', `{ ${'a{'.repeat(200_000)}b${'}'.repeat(200_000)} }`],
      ['nesting of 200,000 input objects', `{ cases(first: ${'{a:'.repeat(200_000)}1${'}'.repeat(200_000)}) { id } }`],
      ['nesting of 5,000 list values', `{ cases(first: ${'['.repeat(5_000)}1${']'.repeat(5_000)}) { id } }`],
      ['10,000 aliases', `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`],
      [
        '2,000 aliased nodeInfo',
        `{ ${Array.from({ length: 2_000 }, (_, i) => `n${i}: nodeInfo { id name country version }`).join(' ')} }`,
      ],
      ['5,000 repeated directives', `{ nodeInfo ${'@include(if: true) '.repeat(5_000)}{ id } }`],
      [
        'a fragment cycle',
        'query { me { ...A } } fragment A on OfficerAccount { ...B } fragment B on OfficerAccount { ...A }',
      ],
      [
        '1,000 fragments spread 1,000 times',
        `{ me { ${Array.from({ length: 1_000 }, (_, i) => `...F${i}`).join(' ')} } } ${Array.from({ length: 1_000 }, (_, i) => `fragment F${i} on OfficerAccount { id username }`).join(' ')}`,
      ],
      ['3,000 variables', `query (${Array.from({ length: 3_000 }, (_, i) => `$v${i}: Int`).join(' ')}) { me { id } }`],
      [
        'a 1 MB string literal',
        `{ validateIdentifier(type: WALLET_BTC, value: "${'1'.repeat(1024 * 1024)}") { valid } }`,
      ],
    ];
    const screenAll = 'query ($ids: [IdentifierInput!]!) { screen(identifiers: $ids) { value } }';
    const variableCases: [string, string, Record<string, unknown>][] = [
      [
        'screening 20,000 identifiers (over the 10,000 per call)',
        screenAll,
        {
          ids: Array.from({ length: 20_000 }, (_, i) => ({
            type: 'PHONE',
            value: `+8210${String(i).padStart(8, '0')}`,
          })),
        },
      ],
      [
        'a list of 200,000 ids for a single id',
        'query ($id: ID!) { case(id: $id) { id } }',
        { id: Array.from({ length: 200_000 }, () => 'x') },
      ],
    ];
    const problems: string[] = [];
    for (const [what, query, variables] of variableCases) {
      const answer = await post(JSON.stringify({ query, variables }));
      const problem = problemOf(answer) ?? (answer.json?.errors?.length ? undefined : 'was run instead of refused');
      if (problem) problems.push(`${what}: ${problem}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
    }
    for (const [what, query] of cases) {
      const answer = await post(JSON.stringify({ query }));
      const problem = problemOf(answer);
      if (problem) problems.push(`${what}: ${problem}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
      else if (!answer.json?.errors?.length && what !== 'a 1 MB string literal')
        problems.push(`${what}: was run instead of refused`);
    }
    expect(problems).toEqual([]);
  });

  it('still serves normally afterwards, logged no unexpected error, and the process is alive', async () => {
    expect(node.running()).toBe(true);
    const answer = await post(JSON.stringify({ query: '{ nodeInfo { id } me { username roles } }' }));
    expect(answer.json).toEqual({
      data: {
        nodeInfo: { id: 'kh-gdce' },
        me: { username: 'fuzz-all-roles', roles: ['ANALYST', 'LIAISON_OFFICER', 'ADMIN', 'AUDITOR'] },
      },
    });
    expect(await (await fetch(`${url}/health/ready`)).json()).toEqual({ status: 'ok', database: 'ok' });
    const unexpected = node.logEntries().filter((entry) => Number(entry.level) >= 50);
    expect(unexpected.map((entry) => JSON.stringify(entry).slice(0, 1500))).toEqual([]);
  });
});
