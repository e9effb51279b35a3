export interface GraphqlResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One GraphQL request: the request's headers and JSON body in, the answer's text out. */
export type GraphqlTransport = (headers: Record<string, string>, body: string) => Promise<string>;

/** POSTs to `<url>/graphql` from the test process, as a client outside the containers would. */
export function overHttp(url: string): GraphqlTransport {
  return async (headers, body) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers,
      body,
      // A connection accepted by Docker's port proxy while a container moves between networks can
      // hang without an answer; undici would wait 300 s for the headers.
      signal: AbortSignal.timeout(15_000),
    });
    return response.text();
  };
}

/** A node's officers' API (GraphQL), reached through `transport` (by default over HTTP at `where`). */
export class NodeApi {
  constructor(
    readonly id: string,
    readonly where: string,
    private readonly transport: GraphqlTransport = overHttp(where),
  ) {}

  async graphql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GraphqlResponse<T>> {
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const text = await this.transport(headers, JSON.stringify({ query, variables }));
    try {
      return JSON.parse(text) as GraphqlResponse<T>;
    } catch {
      throw new Error(`${this.id} at ${this.where} answered with something other than JSON: ${text.slice(0, 300)}`);
    }
  }

  /** The data of an operation that must succeed; throws with the errors otherwise. */
  async must<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const body = await this.graphql<T>(query, variables, token);
    if (!body.data || body.errors)
      throw new Error(`${this.id}: ${query.slice(0, 80)}… → ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  async login(username: string, password: string): Promise<string> {
    const data = await this.must<{ login: { token: string } }>(
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: password },
    );
    return data.login.token;
  }
}
