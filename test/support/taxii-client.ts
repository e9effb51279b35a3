import { X509Certificate } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PeerCertificate } from 'node:tls';

// A strict TAXII 2.1 client written after taxii2-client 2.3.0 (oasis-open/cti-taxii-client,
// taxii2client/v21/__init__.py and common.py): the same requests (User-Agent, Accept on every GET,
// Accept and Content-Type on POST, match[...] parameters joined by commas, paths with a trailing
// slash, the status URL built without one) and the same checks of what comes back (status 2xx,
// the Content-Type against the Accept, required properties, the status counts).

export const TAXII = 'application/taxii+json;version=2.1';
export const USER_AGENT = 'taxii2-client/2.3.0';

export interface TaxiiResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: Record<string, unknown>;
}

export interface TlsTrust {
  /** PEM of the CA(s) the client trusts. */
  ca: string;
  /** Pinned node id: the certificate must name urn:fed-node:<id> (certificate pinning, §8.5.2). */
  pinnedNode?: string;
}

export class StrictClientError extends Error {
  constructor(
    message: string,
    readonly response: TaxiiResponse,
  ) {
    super(message);
  }
}

function pinCheck(nodeId: string) {
  return (_host: string, certificate: PeerCertificate): Error | undefined => {
    const uris = new X509Certificate(certificate.raw).subjectAltName ?? '';
    return uris.includes(`URI:urn:fed-node:${nodeId}`) ? undefined : new Error(`not the certificate of ${nodeId}`);
  };
}

/** One HTTP(S) exchange, every header as given (nothing added but Host and Content-Length). */
export function exchange(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; tls?: TlsTrust },
): Promise<TaxiiResponse> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        // A connection per request: no pooled keep-alive socket outlives the test.
        agent: false,
        ...(options.tls
          ? {
              ca: options.tls.ca,
              ...(options.tls.pinnedNode ? { checkServerIdentity: pinCheck(options.tls.pinnedNode) } : {}),
            }
          : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown>;
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            body = {};
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** taxii2-client's valid_content_type: every token of the Accept is in the Content-Type, which is TAXII. */
export function validContentType(contentType: string | undefined, accept: string): boolean {
  const accepted = accept.replace(/ /g, '').split(';');
  const tokens = (contentType ?? '').replace(/ /g, '').split(';');
  return accepted.every((token) => tokens.includes(token)) && tokens[0] === 'application/taxii+json';
}

/** taxii2-client's _filter_kwargs_to_query_params: match[<field>] joined by commas; empty values left out. */
export function queryOf(filters: Record<string, string | number | readonly string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === '' || value === 0 || (Array.isArray(value) && value.length === 0)) continue;
    const joined = Array.isArray(value) ? value.join(',') : String(value);
    params.set(['added_after', 'limit', 'next'].includes(key) ? key : `match[${key}]`, joined);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export class StrictTaxiiClient {
  constructor(
    private readonly authorization: string | undefined,
    private readonly tls?: TlsTrust,
  ) {}

  private headers(extra: Record<string, string>): Record<string, string> {
    return {
      'User-Agent': USER_AGENT,
      ...(this.authorization ? { Authorization: this.authorization } : {}),
      ...extra,
    };
  }

  /** _HTTPConnection.get: raises on a non-2xx status, then on a Content-Type that does not answer the Accept. */
  async get(url: string, accept = TAXII): Promise<TaxiiResponse> {
    const response = await this.raw(url, accept);
    if (response.status < 200 || response.status > 299)
      throw new StrictClientError(`${response.status} for GET ${url}: ${response.text}`, response);
    if (!validContentType(response.headers['content-type'], accept))
      throw new StrictClientError(
        `Unexpected Response. Got Content-Type: '${response.headers['content-type']}'`,
        response,
      );
    return response;
  }

  /** A GET whose failure the test wants to look at. */
  raw(url: string, accept = TAXII, method = 'GET'): Promise<TaxiiResponse> {
    return exchange(url, { method, headers: this.headers({ Accept: accept }), tls: this.tls });
  }

  /** Collection.add_objects: POST the envelope, then the Status built at urljoin(collection, '../../status/<id>'). */
  async addObjects(collectionUrl: string, envelope: object): Promise<{ response: TaxiiResponse; statusUrl: string }> {
    const response = await exchange(`${collectionUrl}objects/`, {
      method: 'POST',
      headers: this.headers({ Accept: TAXII, 'Content-Type': TAXII }),
      body: Buffer.from(JSON.stringify(envelope), 'utf8'),
      tls: this.tls,
    });
    if (response.status < 200 || response.status > 299)
      throw new StrictClientError(`${response.status} for POST: ${response.text}`, response);
    checkStatus(response.body);
    return { response, statusUrl: new URL(`../../status/${String(response.body.id)}`, collectionUrl).toString() };
  }

  /** as_pages over Get Objects or Get Object Manifests, exactly as taxii2-client pages. */
  async *pages(url: string, perRequest: number, filters: Record<string, string | readonly string[]> = {}) {
    let limit = perRequest;
    let envelope = (await this.get(`${url}${queryOf({ ...filters, limit })}`)).body;
    yield envelope;
    const obtained = ((envelope.objects as unknown[] | undefined) ?? []).length;
    if (envelope.more === true && obtained !== limit) limit = obtained;
    while (envelope.more === true) {
      envelope = (await this.get(`${url}${queryOf({ ...filters, limit, next: String(envelope.next ?? '') })}`)).body;
      yield envelope;
    }
  }
}

/** Status._validate_status of taxii2-client, then the TAXII 2.1 §4.3.1 required properties. */
export function checkStatus(status: Record<string, unknown>): void {
  for (const key of ['id', 'status', 'total_count', 'success_count', 'failure_count', 'pending_count'])
    if (status[key] === undefined || status[key] === null || status[key] === '')
      throw new Error(`No '${key}' in Status`);
  const list = (key: string) => (status[key] as unknown[] | undefined) ?? [];
  for (const [items, count] of [
    ['successes', 'success_count'],
    ['failures', 'failure_count'],
    ['pendings', 'pending_count'],
  ] as const) {
    if (list(items).length > 0 && list(items).length !== status[count])
      throw new Error(`Found ${items}=${list(items).length}, but ${count}=${String(status[count])}`);
    if (status[items] !== undefined && list(items).length === 0) throw new Error(`${items} is an empty list`);
  }
  const sum = Number(status.success_count) + Number(status.pending_count) + Number(status.failure_count);
  if (sum !== status.total_count)
    throw new Error(`counts add up to ${sum}, total_count is ${String(status.total_count)}`);
  if (!['complete', 'pending'].includes(status.status as string)) throw new Error(`status ${String(status.status)}`);
}
