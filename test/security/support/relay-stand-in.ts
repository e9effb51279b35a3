import { request } from 'node:https';
import { peerTlsOptions } from '../../../src/transport/peer-tls.js';
import { PeerStandIn } from '../../reliability/support/peer-stand-in.js';

/** A feed page as it travels (PROTOCOL.md §13): items name their origin certificate by reference. */
export interface WirePage {
  items: WireItem[];
  originCertificates: Record<string, string>;
  nextCursor: string;
  hasMore: boolean;
}

export interface WireItem {
  seq: string;
  origin: string;
  entry: { entryId: string; offenceCategory: string; [key: string]: unknown };
  signature: string;
  originCertificateRef: string;
  onwardTo: string[];
  grant?: { relay: string; to: string[]; signature: string };
}

export interface Answer {
  status: number;
  body: unknown;
}

/**
 * A node that holds partners' watchlist entries (a hub), played by the test with that node's real
 * certificate, TLS key and signing key: it pulls an origin's feed as the hub does, then posts what it
 * likes to whom it likes, over real mutual TLS, naming the protocol version it claims to speak.
 */
export class RelayStandIn {
  private constructor(readonly peer: PeerStandIn) {}

  static async load(pkiDir: string, nodeId: string, anchorIds: string[]): Promise<RelayStandIn> {
    return new RelayStandIn(await PeerStandIn.load(pkiDir, nodeId, anchorIds));
  }

  call(port: number, method: 'GET' | 'POST', path: string, body?: unknown, protocol = '2'): Promise<Answer> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method,
          ...peerTlsOptions(this.peer.identity),
          checkServerIdentity: () => undefined,
          agent: false,
          headers: {
            'fed-node-protocol': protocol,
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** The origin's feed as this node receives it. */
  async pull(port: number): Promise<WirePage> {
    const answer = await this.call(port, 'GET', '/federation/v1/watchlist/changes?after=0&limit=1000');
    if (answer.status !== 200) throw new Error(`pull answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body as WirePage;
  }

  /** Posts items to a node's watchlist intake, as a push (PROTOCOL.md §13). */
  push(port: number, items: WireItem[], originCertificates: Record<string, string>): Promise<Answer> {
    return this.call(port, 'POST', '/federation/v1/watchlist/entries', { items, originCertificates });
  }
}
