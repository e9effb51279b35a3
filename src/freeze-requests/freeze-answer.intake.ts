import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import type { OpenedPacket } from '../envelope/packet-envelope.js';
import { PacketHandlers } from '../federation/packet-handlers.js';
import { checkFreezeAnswerBody } from '../freeze-wire/freeze-wire-checks.js';
import { FREEZE_ANSWER_PACKET, type FreezeAnswerBody, type TargetAnswer } from '../freeze-wire/freeze-wire.js';
import type { FreezeAnswerStatus } from '../kernel/vocabulary/index.js';
import { PacketRejection, PacketRejectionReason } from '../kernel/vocabulary/packet-rejection.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { evaluateInboundPolicy } from '../policy/policy-evaluation.js';
import { FreezeAnswer } from './entities/freeze-answer.entity.js';
import { FreezeRequestCopy } from './entities/freeze-request-copy.entity.js';
import { FreezeRequest } from './entities/freeze-request.entity.js';
import { answerStateOf, holdsFunds } from './freeze-clock-rules.js';
import { FreezeClocks } from './freeze-clocks.service.js';

/* $1 exchange, $2 type, $3 value, $4 case, $5 copy, $6 target, $7 amount, $8 asset, $9 account, $10 at,
   $11 until, $12 now. A new end restarts the reminders; the same end keeps the ones already raised. */
const UPSERT_HOLD_SQL = `
WITH up AS (
  INSERT INTO freeze_hold (exchange_id, identifier_type, value, case_id, copy_id, target_id, amount, asset, account,
                           frozen_at, frozen_until, status, reminders_sent, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'HELD', 0, $12)
  ON CONFLICT (exchange_id, identifier_type, value) DO UPDATE SET
    case_id = EXCLUDED.case_id, copy_id = EXCLUDED.copy_id, target_id = EXCLUDED.target_id, amount = EXCLUDED.amount,
    asset = EXCLUDED.asset, account = EXCLUDED.account, frozen_at = EXCLUDED.frozen_at,
    reminders_sent = CASE WHEN freeze_hold.status = 'HELD' AND freeze_hold.frozen_until = EXCLUDED.frozen_until
                          THEN freeze_hold.reminders_sent ELSE 0 END,
    frozen_until = EXCLUDED.frozen_until, status = 'HELD', updated_at = EXCLUDED.updated_at
  RETURNING id, frozen_until
)
SELECT * FROM up`;

/**
 * Stores an exchange's signed answer to one of our requests (packet type freeze-answer), inside the
 * intake transaction: the answers per target, the copy's answer state (which stops its deadline
 * clock), and the holds whose expiry clocks start or move. Registered on agency nodes only.
 */
@Injectable()
export class FreezeAnswerIntake {
  constructor(
    private readonly tx: TransactionContext,
    private readonly policies: PartnerPolicyService,
    private readonly clocks: FreezeClocks,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    handlers: PacketHandlers,
  ) {
    if (config.kind === 'agency')
      handlers.register(FREEZE_ANSWER_PACKET, (packet, _sealed, deliveredBy) => this.store(packet, deliveredBy));
  }

  async store(packet: OpenedPacket, deliveredBy: string): Promise<void> {
    const { header } = packet;
    const refuse = (reason: PacketRejectionReason, detail: string) =>
      new PacketRejection(reason, detail, { packetId: header.packetId, from: header.from });
    if (deliveredBy !== header.from)
      throw refuse(
        PacketRejectionReason.REJECTED_BY_INBOUND_POLICY,
        `an answer comes from its exchange, not relayed by ${deliveredBy}`,
      );
    const copies = this.tx.manager.getRepository(FreezeRequestCopy);
    const copy = header.inReplyTo
      ? await copies.findOne({ where: { packetId: header.inReplyTo }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!copy || copy.exchangeId !== header.from)
      throw refuse(
        PacketRejectionReason.INVALID_PAYLOAD,
        `answers no request this node sent to ${header.from} (inReplyTo ${header.inReplyTo ?? 'missing'})`,
      );
    const request = await this.tx.manager.getRepository(FreezeRequest).findOneByOrFail({ id: copy.requestId });
    const checked = checkFreezeAnswerBody(
      packet.body,
      request.targets.map((t) => t.targetId),
    );
    if (!checked.ok) throw refuse(PacketRejectionReason.INVALID_PAYLOAD, `freeze-answer body ${checked.problem}`);
    const body = checked.body;
    if (body.requestId !== request.id)
      throw refuse(
        PacketRejectionReason.INVALID_PAYLOAD,
        `/requestId: ${body.requestId} is not the request ${request.id} it replies to`,
      );
    const inbound = evaluateInboundPolicy(
      {
        senderNodeId: deliveredBy,
        originNodeId: header.from,
        receiverNodeId: this.config.id,
        tlp: body.tlp,
        offenceCategories: body.offenceCategories,
        retentionDays: body.retentionDays,
        onwardSharing: { allowed: false, to: [] },
      },
      await this.policies.inboundFor(deliveredBy),
    );
    if (inbound.decision === 'REJECT')
      throw refuse(PacketRejectionReason.REJECTED_BY_INBOUND_POLICY, inbound.reasons.join('; '));

    const now = this.clock.now();
    await this.tx.manager.getRepository(FreezeAnswer).insert(
      body.answers.map((answer) => ({
        copyId: copy.id,
        packetId: header.packetId,
        answerId: body.answerId,
        targetId: answer.targetId,
        status: answer.status,
        detail: answer,
        answeredAt: new Date(body.answeredAt),
        receivedAt: now,
      })),
    );
    const latest = await this.latestAnswers(copy.id);
    copy.answerState = answerStateOf(
      request.targets.map((t) => t.targetId),
      new Map([...latest].map(([id, a]) => [id, a.status])),
    );
    copy.lastAnswerAt = now;
    await copies.save(copy);
    await this.applyToHolds(request, copy, header.packetId, body, latest);
    await this.audit.record({
      type: AuditEventType.FREEZE_ANSWER_RECEIVED,
      actor: header.from,
      subjectType: 'FREEZE_REQUEST_COPY',
      subjectId: copy.id,
      details: {
        reference: request.reference,
        exchangeId: copy.exchangeId,
        packetId: header.packetId,
        answerId: body.answerId,
        answers: body.answers.map((a) => `${a.targetId}:${a.status}`).join(','),
        answerState: copy.answerState,
      },
    });
    this.logger.info(
      {
        event: 'freeze.answer_received',
        reference: request.reference,
        exchangeId: copy.exchangeId,
        state: copy.answerState,
      },
      `${copy.exchangeId} answered ${request.reference}: ${body.answers.map((a) => `${a.targetId} ${a.status}`).join(', ')}`,
    );
  }

  /** The latest answer per target (the later answer wins; equal times: the later received). */
  private async latestAnswers(copyId: string): Promise<Map<string, { status: FreezeAnswerStatus; packetId: string }>> {
    const rows = (await this.tx.manager.query(
      `SELECT DISTINCT ON (target_id) target_id, status, packet_id FROM freeze_answer WHERE copy_id = $1
        ORDER BY target_id, answered_at DESC, received_at DESC, id DESC`,
      [copyId],
    )) as { target_id: string; status: FreezeAnswerStatus; packet_id: string }[];
    return new Map(rows.map((row) => [row.target_id, { status: row.status, packetId: row.packet_id }]));
  }

  /** FROZEN and PARTIALLY_FROZEN start (or move) a hold's clock; RELEASED ends it. Older answers change nothing. */
  private async applyToHolds(
    request: FreezeRequest,
    copy: FreezeRequestCopy,
    packetId: string,
    body: FreezeAnswerBody,
    latest: Map<string, { packetId: string }>,
  ): Promise<void> {
    for (const answer of body.answers) {
      if (latest.get(answer.targetId)?.packetId !== packetId) continue;
      const target = request.targets.find((t) => t.targetId === answer.targetId);
      if (!target) continue;
      if (holdsFunds(answer.status)) await this.hold(request, copy, answer, target.identifierType, target.value);
      else if (answer.status === 'RELEASED')
        await this.tx.manager.query(
          `UPDATE freeze_hold SET status = 'RELEASED', updated_at = $4 WHERE exchange_id = $1 AND identifier_type = $2 AND value = $3`,
          [copy.exchangeId, target.identifierType, target.value, this.clock.now()],
        );
    }
  }

  private async hold(
    request: FreezeRequest,
    copy: FreezeRequestCopy,
    answer: TargetAnswer,
    type: string,
    value: string,
  ) {
    const [row] = (await this.tx.manager.query(UPSERT_HOLD_SQL, [
      copy.exchangeId,
      type,
      value,
      request.caseId,
      copy.id,
      answer.targetId,
      answer.amount ?? null,
      answer.asset ?? null,
      answer.account ?? null,
      answer.at ? new Date(answer.at) : null,
      new Date(answer.frozenUntil as string),
      this.clock.now(),
    ])) as { id: string; frozen_until: Date }[];
    await this.clocks.scheduleHold(row.id, row.frozen_until);
  }
}
