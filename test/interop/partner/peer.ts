// The mutual-TLS peer endpoint of PROTOCOL.md §12, both sides: a client that calls a node and a server it calls.
import { createServer, request } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { canonicalize } from './canonical.js';
import { verifyNodeCertificate } from './pki.js';
import type { CertifiedNode } from './pki.js';

export interface TlsIdentity {
  nodeId: string;
  certificatePem: string;
  tlsKeyPem: string;
  anchorsPem: string[];
}

export interface PeerResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The certificate the node presented in the handshake, PEM. */
  peerCertificatePem: string;
}

const san = (altNames: string | undefined) => (altNames ?? '').split(', ');

/** One request to a node's peer endpoint; the server must prove it is `expectedPeer` (CN/SAN, not host name). */
export function peerRequest(
  baseUrl: string,
  me: TlsIdentity,
  expectedPeer: string,
  method: 'GET' | 'POST',
  path: string,
  body?: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<PeerResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, baseUrl),
      {
        method,
        agent: false,
        key: me.tlsKeyPem,
        cert: me.certificatePem,
        ca: me.anchorsPem,
        minVersion: 'TLSv1.3',
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        checkServerIdentity: (_host, cert) =>
          san(cert.subjectaltname).includes(`URI:urn:fed-node:${expectedPeer}`)
            ? undefined
            : new Error(`server is not ${expectedPeer}: ${cert.subjectaltname}`),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const socket = res.socket as TLSSocket;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            peerCertificatePem: socket.getPeerX509Certificate()?.toString() ?? '',
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface PeerCall {
  method: string;
  url: URL;
  peer: CertifiedNode;
  body: Buffer;
}

export type PeerHandler = (call: PeerCall) => Promise<{ status: number; body: unknown }>;

/** Our own peer endpoint: mutual TLS against our anchors, then the caller's node id from its certificate. */
export interface PeerServer {
  port: number;
  /** Reloads our certificate and trust anchors (e.g. after a partner's CA was installed). */
  refresh: () => void;
  close: () => Promise<void>;
}

export async function startPeerServer(
  identity: () => TlsIdentity,
  knownPeers: string[],
  handler: PeerHandler,
  port = 0,
): Promise<PeerServer> {
  const context = () => ({ key: identity().tlsKeyPem, cert: identity().certificatePem, ca: identity().anchorsPem });
  const server = createServer(
    { ...context(), requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.3' },
    (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void answer(req, res, Buffer.concat(chunks)));
    },
  );
  const answer = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    let result: { status: number; body: unknown };
    try {
      // OpenSSL has checked the chain; now the node id, agency and binding (PKI.md "Verification").
      const cert = (req.socket as TLSSocket).getPeerX509Certificate();
      const cn = /^CN=(.+)$/m.exec(cert?.subject ?? '')?.[1] ?? '';
      if (!cert || !knownPeers.includes(cn)) result = { status: 403, body: { error: 'UNKNOWN_PEER' } };
      else {
        const peer = verifyNodeCertificate(cert.toString(), { anchorsPem: identity().anchorsPem, expectedNodeId: cn });
        result = await handler({ method: req.method ?? '', url: new URL(req.url ?? '/', 'https://peer'), peer, body });
      }
    } catch (e) {
      result = { status: 500, body: { error: (e as Error).message } };
    }
    res.writeHead(result.status, { 'content-type': 'application/json' }).end(canonicalize(result.body));
  };
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    refresh: () => server.setSecureContext(context()),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
