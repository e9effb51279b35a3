import { Injectable } from '@nestjs/common';
import { assertNoTransaction } from '../common/database/transaction-context.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';
import { callPeer, type CallOptions, type PeerResponse } from './peer-client.js';

/**
 * Calls a peer's federation endpoint as this node (mutual TLS with the node's current certificate).
 * The one seam between the node and the network: the medium test tier routes it to another node's
 * registered peer routes in the same process. No call leaves from inside a database transaction.
 */
@Injectable()
export class PeerCaller {
  constructor(private readonly identity: NodeIdentityService) {}

  call(
    peer: { id: string; url: string },
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    timeoutMs: number,
    options: CallOptions = {},
  ): Promise<PeerResponse> {
    assertNoTransaction(`a call to ${peer.id}`);
    return callPeer(this.identity.current(), peer, method, path, body, timeoutMs, options);
  }
}
