export interface GraphqlResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** A node's officers' API (GraphQL over HTTP), as a client outside the containers sees it. */
export class NodeApi {
  constructor(
    readonly id: string,
    readonly url: string,
  ) {}

  async graphql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GraphqlResponse<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      // A connection accepted by Docker's port proxy while a container moves between networks can
      // hang without an answer; undici would wait 300 s for the headers.
      signal: AbortSignal.timeout(15_000),
    });
    return (await response.json()) as GraphqlResponse<T>;
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
