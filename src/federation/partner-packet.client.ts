import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { CertificateTrustService } from '../identity/certificate-trust.service.js';
import { JsonText } from '../transport/json-text.js';
import { receiptSignatureValid, signedReceiptSchema, type SignedReceipt } from './delivery-receipt.js';
import { PeerCaller } from '../transport/peer-caller.js';

export const PACKETS_PATH = '/federation/v1/packets';

/** An attempt that failed for a reason worth retrying (a bad answer); PeerUnreachable is the other kind. */
export class AttemptFailed extends Error {}

/** Posts one sealed packet to a partner and returns its receipt, once the receipt is proven to be the partner's. */
@Injectable()
export class PartnerPacketClient {
  constructor(
    private readonly peers: PeerCaller,
    private readonly trust: CertificateTrustService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `wire` is the packet's canonical text, sent byte for byte (docs/PROTOCOL.md §7). */
  async post(partnerId: string, wire: string, packetId: string, contentHash: string): Promise<SignedReceipt> {
    const peer = this.config.peers.find((p) => p.id === partnerId);
    if (!peer) throw new AttemptFailed(`"${partnerId}" is no longer a configured peer`);
    const response = await this.peers.call(
      peer,
      'POST',
      PACKETS_PATH,
      new JsonText(wire),
      this.config.federation.requestTimeoutSeconds * 1000,
    );
    if (response.status !== 200 && response.status !== 422) {
      const message = (response.body as { error?: { message?: string } } | null)?.error?.message ?? '';
      throw new AttemptFailed(`${partnerId} answered HTTP ${response.status}${message ? `: ${message}` : ''}`);
    }
    const parsed = signedReceiptSchema.safeParse(response.body);
    if (!parsed.success) throw new AttemptFailed(`${partnerId} answered without a valid receipt`);
    const signed = parsed.data as SignedReceipt;
    const { signingPublicKey } = await this.trust
      .verifySender(partnerId, signed.receiverCertificate, this.clock.now())
      .catch((error: Error) => {
        throw new AttemptFailed(`the receipt certificate of ${partnerId} is not trusted: ${error.message}`);
      });
    if (!(await receiptSignatureValid(signed, signingPublicKey)))
      throw new AttemptFailed(`the receipt from ${partnerId} has a bad signature`);
    const { receipt } = signed;
    // PROTOCOL.md §12.3: 200 goes with ACCEPTED and 422 with REJECTED; any other pairing is not a receipt.
    if ((response.status === 200) !== (receipt.status === 'ACCEPTED'))
      throw new AttemptFailed(`${partnerId} answered HTTP ${response.status} with a ${receipt.status} receipt`);
    if (receipt.packetId !== packetId || receipt.contentHash !== contentHash || receipt.receiver !== partnerId) {
      throw new AttemptFailed(`the receipt from ${partnerId} is for another packet`);
    }
    return signed;
  }
}
