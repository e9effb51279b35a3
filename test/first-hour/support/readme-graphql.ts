import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { resolvePath, type ReadmeOperation } from './readme.js';
import type { Sandbox } from './sandbox.js';

/** Operations the walk only validates, and why: the first hour gives them nothing to act on. */
export const VALIDATED_ONLY: Record<string, string> = {
  retryDelivery: 'only for a DEAD or REJECTED delivery, which the walk does not make',
  acknowledgeAlert: 'needs an open alert, which the walk does not raise',
  alertRaised: 'a subscription (graphql-ws), not a request',
  approveTaxiiInboxItem: 'needs an item a publishing tool sent over TAXII, which the walk does not do',
};

/** Validates README operations against schema.graphql and sends them as the README says, in order. */
export class ReadmeGraphql {
  readonly answers: Record<string, unknown>[] = [];
  private readonly tokens = new Map<string, string>();
  private readonly schema: GraphQLSchema;

  constructor(
    private readonly sandbox: Sandbox,
    schemaSdl: string,
    /** user → password, from the README's own commands (and what the test typed for alice). */
    readonly passwords: Map<string, string>,
    /** node id → base URL of its officers' API. */
    private readonly nodes: Record<string, string>,
  ) {
    this.schema = buildSchema(schemaSdl);
  }

  /** What is wrong with an example as written (empty when it can be pasted and run). */
  problems(operation: ReadmeOperation): string[] {
    const found: string[] = [];
    if (/…|<[a-z ]+>/.test(operation.source)) found.push('holds a placeholder');
    found.push(...validate(this.schema, parse(operation.source)).map((error) => error.message));
    for (const name of operation.source.match(/\$\w+(?=\s*:)/g) ?? []) {
      if (!operation.variables[name.slice(1)]) found.push(`no "# ${name} = …" comment says where ${name} comes from`);
    }
    return found;
  }

  private async post(
    node: string,
    body: unknown,
    token?: string,
  ): Promise<{ data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] }> {
    const url = this.nodes[node];
    if (!url) throw new Error(`no node "${node}"`);
    const response = await this.sandbox.fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return JSON.parse(response.body) as { data?: Record<string, unknown> };
  }

  async login(user: string, node = 'kr-knpa'): Promise<string> {
    const key = `${user}@${node}`;
    const known = this.tokens.get(key);
    if (known) return known;
    const password = this.passwords.get(user);
    if (!password) throw new Error(`the README never says ${user}'s password`);
    const answer = await this.post(node, {
      query: 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      variables: { u: user, p: password },
    });
    const token = (answer.data?.login as { token?: string } | undefined)?.token;
    if (!token) throw new Error(`${user} cannot log in on ${node}: ${JSON.stringify(answer.errors)}`);
    this.tokens.set(key, token);
    return token;
  }

  /** Sends one README operation as its comment says; repeats "again until" ones. */
  async execute(operation: ReadmeOperation): Promise<Record<string, unknown>> {
    if (!operation.as) throw new Error(`README line ${operation.line}: no "# as …" says who sends ${operation.name}`);
    const variables: Record<string, unknown> = {};
    for (const [name, path] of Object.entries(operation.variables)) {
      variables[name] = resolvePath(path, this.answers);
      if (variables[name] === undefined) {
        throw new Error(`README line ${operation.line}: "$${name} = ${path}": no earlier answer has ${path}`);
      }
    }
    const token = await this.login(operation.as.user, operation.as.node);
    const deadline = Date.now() + 360_000;
    for (;;) {
      const answer = await this.post(operation.as.node, { query: operation.source, variables }, token);
      if (answer.errors?.length || !answer.data) {
        throw new Error(
          `README line ${operation.line} (${operation.name} as ${operation.as.user}) failed: ${JSON.stringify(answer.errors)}`,
        );
      }
      if (!operation.until || JSON.stringify(answer.data).includes(operation.until)) {
        this.answers.push(answer.data);
        return answer.data;
      }
      if (Date.now() > deadline) {
        throw new Error(`README line ${operation.line}: still no ${operation.until}: ${JSON.stringify(answer.data)}`);
      }
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}
