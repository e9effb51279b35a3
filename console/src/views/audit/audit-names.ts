import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AuditNamesAnswer, AuditShareName } from '../../api/audit-operations';
import type { Role } from '../../api/types';
import { routeHref } from '../../route';

type Has = (...roles: Role[]) => boolean;
type InboundName = NonNullable<AuditNamesAnswer['inbound']>[number];

/**
 * The records a page of the trail is about, by id, from one request (audit-operations.ts), and where
 * this reader can open each: links only to screens the reader's roles open.
 */
export class AuditNames {
  private readonly cases = new Map<string, { reference: string; title: string }>();
  private readonly shares = new Map<string, AuditShareName & { sent: boolean }>();
  private readonly sharesByPacket = new Map<string, AuditShareName & { sent: boolean }>();
  private readonly inbound = new Map<string, InboundName>();
  private readonly accounts = new Map<string, string>();

  constructor(
    answer: AuditNamesAnswer,
    private readonly has: Has,
  ) {
    for (const c of answer.cases ?? []) this.cases.set(c.id, c);
    for (const [list, sent] of [
      [answer.shares ?? [], false],
      [answer.sent ?? [], true],
    ] as const) {
      for (const share of list) {
        const known = { ...share, sent: sent || Boolean(this.shares.get(share.id)?.sent) };
        this.shares.set(share.id, known);
        if (share.packetId) this.sharesByPacket.set(share.packetId, known);
      }
    }
    for (const p of answer.inbound ?? []) this.inbound.set(p.packetId, p);
    for (const a of answer.accounts ?? []) this.accounts.set(a.id, a.username);
  }

  private get readsCases(): boolean {
    return this.has('ANALYST', 'LIAISON_OFFICER');
  }

  /** A case's reference and title, when this node holds it (or shared it) and the reader may know. */
  caseName(id: string): { reference?: string; title?: string } {
    const held = this.cases.get(id);
    if (held) return held;
    const shared = [...this.shares.values()].find((s) => s.caseId === id && s.caseReference);
    return { reference: shared?.caseReference ?? undefined };
  }

  caseHref(id: string): string | undefined {
    return this.readsCases ? routeHref(['cases', id]) : undefined;
  }

  share(id: string) {
    return this.shares.get(id);
  }

  /** A share opens where its reader works on it: Sent for auditors, the approval while it waits, else its case thread. */
  shareHref(id: string): string | undefined {
    const share = this.shares.get(id);
    if (!share) return undefined;
    if (share.sent && this.has('AUDITOR')) return routeHref(['sent', id]);
    if (share.status === 'PENDING_APPROVAL' && this.has('LIAISON_OFFICER')) return routeHref(['approvals', id]);
    if (share.caseId && this.readsCases) return routeHref(['cases', share.caseId]);
    if (share.inReplyTo && this.readsCases) return routeHref(['inbound', 'packet', share.inReplyTo]);
    return undefined;
  }

  /** A packet this node sent (the share it carried) or received (the packet in Inbound). */
  packet(packetId: string): { sent?: AuditShareName; received?: InboundName } {
    return { sent: this.sharesByPacket.get(packetId), received: this.inbound.get(packetId) };
  }

  packetHref(packetId: string): string | undefined {
    const { sent, received } = this.packet(packetId);
    if (sent) return this.shareHref(sent.id);
    if (received && this.readsCases) return routeHref(['inbound', 'packet', packetId]);
    return undefined;
  }

  username(accountId: string): string | undefined {
    return this.accounts.get(accountId);
  }

  accountsHref(): string | undefined {
    return this.has('ADMIN') ? routeHref(['admin', 'accounts']) : undefined;
  }
}

export const AuditNamesContext = createContext<AuditNames>(new AuditNames({}, () => false));

export const useAuditNames = (): AuditNames => useContext(AuditNamesContext);
