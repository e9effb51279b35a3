import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { parseNodeCertificate } from '../kernel/pki/node-certificate.js';
import type { NodeIdentity } from '../identity/node-identity.loader.js';
import { PROTOCOL_HEADER } from '../kernel/vocabulary/protocol-version.js';
import { JsonText } from './json-text.js';
import { pemOfPeerCertificate, peerTlsOptions } from './peer-tls.js';

export interface PeerResponse {
  status: number;
  body: unknown;
  /** The certificate the peer presented, already chained to a trust anchor by TLS. */
  peerCertificatePem: string;
}

/** A transport failure: the packet may or may not have arrived, so the delivery is retried. */
export class PeerUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeerUnreachable';
  }
}

export interface CallOptions {
  /** The protocol version of this exchange, sent as the Fed-Node-Protocol header (absent: version 1). */
  protocol?: number;
}

/**
 * One request to a peer's federation endpoint over mutual TLS. The peer must present a certificate
 * for the expected node id (checked instead of the host name: the node id is what the CA vouches for).
 * A JsonText body is sent byte for byte; anything else through JSON.stringify.
 */
export function callPeer(
  identity: NodeIdentity,
  peer: { id: string; url: string },
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  timeoutMs: number,
  options: CallOptions = {},
): Promise<PeerResponse> {
  const url = new URL(path, peer.url);
  const text = body instanceof JsonText ? body.text : body === undefined ? undefined : JSON.stringify(body);
  const payload = text === undefined ? undefined : Buffer.from(text, 'utf8');
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method,
        ...peerTlsOptions(identity),
        servername: undefined,
        checkServerIdentity: (_host, certificate) => {
          const pem = pemOfPeerCertificate(certificate);
          const nodeId = pem ? safeNodeId(pem) : null;
          return nodeId === peer.id
            ? undefined
            : new Error(`the server presented the certificate of "${nodeId}", not of peer "${peer.id}"`);
        },
        headers: {
          accept: 'application/json',
          ...(options.protocol === undefined ? {} : { [PROTOCOL_HEADER]: String(options.protocol) }),
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        },
        timeout: timeoutMs,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) =>
          reject(new PeerUnreachable(`reading the answer of ${peer.id} failed: ${error.message}`)),
        );
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            reject(new PeerUnreachable(`${peer.id} answered ${res.statusCode} with a body that is not JSON`));
            return;
          }
          const certificate = pemOfPeerCertificate((res.socket as TLSSocket).getPeerCertificate());
          if (!certificate) {
            reject(new PeerUnreachable(`${peer.id} presented no certificate`));
            return;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, peerCertificatePem: certificate });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => reject(new PeerUnreachable(`${peer.id} at ${peer.url}: ${error.message}`)));
    req.end(payload);
  });
}

function safeNodeId(pem: string): string | null {
  try {
    return parseNodeCertificate(pem).nodeId;
  } catch {
    return null;
  }
}
