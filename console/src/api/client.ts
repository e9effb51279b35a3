import { createClient, type Client } from 'graphql-ws';

/** An error the node answered with: `code` is its stable extensions.code (BAD_USER_INPUT, FORBIDDEN, …). */
/** `reasonCode` is the domain's own code (INVALID_CREDENTIALS, STALE_PREVIEW …), which the console words itself. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
    readonly reasonCode?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: {
    message: string;
    extensions?: { code?: string; field?: string; reasonCode?: string; retryAfterSeconds?: number };
  }[];
}

/** The error body of the node's plain HTTP endpoints (src/common/errors/http-error.filter.ts). */
interface HttpError {
  code: string;
  message: string;
  field?: string;
}

/** The first error of a GraphQL answer as an ApiError (the node's messages name what is wrong). */
export function errorOf(answer: GraphqlAnswer<unknown>, status: number): ApiError | undefined {
  const first = answer.errors?.[0];
  if (first) {
    const { code = 'INTERNAL', field, reasonCode, retryAfterSeconds } = first.extensions ?? {};
    return new ApiError(first.message, code, field, reasonCode, retryAfterSeconds);
  }
  if (!answer.data) return new ApiError(`The node answered HTTP ${status} without data`, 'INTERNAL');
  return undefined;
}

/** Talks only to the node that served the console (same origin): /graphql over fetch and graphql-ws. */
export class Api {
  private socket?: Client;

  constructor(private token?: string) {}

  withToken(token: string): Api {
    return new Api(token);
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch('/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new ApiError('The node cannot be reached', 'NETWORK');
    }
    const answer = (await response.json().catch(() => ({}))) as GraphqlAnswer<T>;
    const error = errorOf(answer, response.status);
    if (error) throw error;
    return answer.data as T;
  }

  /** A file the node serves over plain HTTP with the officer's token (e.g. the order behind a request). */
  async file(path: string): Promise<Blob> {
    const response = await fetch(path, { headers: { authorization: `Bearer ${this.token ?? ''}` } });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: HttpError };
      throw new ApiError(
        body.error?.message ?? `Download failed (HTTP ${response.status})`,
        body.error?.code ?? 'INTERNAL',
        body.error?.field,
      );
    }
    return response.blob();
  }

  /** Evidence files go over plain HTTP: the body is the file (see case-attachment.controller.ts). */
  async upload(caseId: string, file: File): Promise<{ id: string; sha256: string }> {
    const response = await fetch(`/cases/${encodeURIComponent(caseId)}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.token ?? ''}`,
        'content-type': file.type || 'application/octet-stream',
        'x-filename': encodeURIComponent(file.name),
      },
      body: file,
    });
    const body = (await response.json().catch(() => ({}))) as {
      id?: string;
      sha256?: string;
      error?: HttpError;
    };
    if (!response.ok || !body.id)
      throw new ApiError(
        body.error?.message ?? `Upload failed (HTTP ${response.status})`,
        body.error?.code ?? 'INTERNAL',
        body.error?.field,
      );
    return { id: body.id, sha256: body.sha256 ?? '' };
  }

  /** Live feed over graphql-ws on /graphql, authenticated at connect; returns the unsubscribe function. */
  subscribe<T>(query: string, onData: (data: T) => void, onError: (error: ApiError) => void): () => void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    this.socket ??= createClient({
      url,
      connectionParams: { authorization: `Bearer ${this.token ?? ''}` },
      retryAttempts: 5,
      lazy: true,
    });
    return this.socket.subscribe<T>(
      { query },
      {
        next: (value) => {
          const error = value.errors?.[0];
          if (error)
            onError(
              new ApiError(
                error.message,
                String(error.extensions?.code ?? 'INTERNAL'),
                undefined,
                typeof error.extensions?.reasonCode === 'string' ? error.extensions.reasonCode : undefined,
              ),
            );
          else if (value.data) onData(value.data as T);
        },
        error: () => onError(new ApiError('The live feed was interrupted', 'NETWORK')),
        complete: () => undefined,
      },
    );
  }

  close(): void {
    void this.socket?.dispose();
  }
}
