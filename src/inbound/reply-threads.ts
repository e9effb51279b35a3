import { Injectable } from '@nestjs/common';

/** The local case a packet we sent was about, if the module that sent it knows (sharing does). */
export type LocalCaseOfPacket = (packetId: string) => Promise<string | null>;

/**
 * Threads a partner's reply to the case it answers: the case we shared in the packet it replies to.
 * The modules that send packets register how to find that case, so inbound reads none of their tables.
 */
@Injectable()
export class ReplyThreads {
  private readonly lookups: LocalCaseOfPacket[] = [];

  register(lookup: LocalCaseOfPacket): void {
    this.lookups.push(lookup);
  }

  async localCaseOf(packetId: string): Promise<string | null> {
    for (const lookup of this.lookups) {
      const caseId = await lookup(packetId);
      if (caseId) return caseId;
    }
    return null;
  }
}
