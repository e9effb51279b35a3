import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../common/auth/auth.decorators.js';
import { Role } from '../kernel/vocabulary/role.js';
import { ApiErrorCode, type ClientFacingError } from '../common/errors/api-error-code.js';
import { ReceivedPacketObject } from './dto/received-packet.object.js';
import { InboundPacketService } from './inbound-packet.service.js';

class ReceivedPacketNotFound extends Error implements ClientFacingError {
  readonly apiCode = ApiErrorCode.NOT_FOUND;
}

@Resolver(() => ReceivedPacketObject)
export class InboundPacketResolver {
  constructor(private readonly inbound: InboundPacketService) {}

  @Query(() => [ReceivedPacketObject], { description: 'Packets partners sent, newest first.' })
  @Roles(Role.ANALYST, Role.LIAISON_OFFICER)
  async inboundPackets(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<ReceivedPacketObject[]> {
    return (await this.inbound.list(first)).map((row) => ReceivedPacketObject.of(row));
  }

  @Query(() => ReceivedPacketObject, { description: 'A case a partner sent, by its id here.' })
  @Roles(Role.ANALYST, Role.LIAISON_OFFICER)
  async receivedCase(@Args('id', { type: () => ID }) id: string): Promise<ReceivedPacketObject> {
    const row = await this.inbound.get(id);
    if (!row) throw new ReceivedPacketNotFound(`No received packet ${id}`);
    return ReceivedPacketObject.of(row);
  }

  @Query(() => [ReceivedPacketObject], {
    description: 'Replies partners sent to one packet (ours or theirs), oldest first.',
  })
  @Roles(Role.ANALYST, Role.LIAISON_OFFICER)
  async packetReplies(@Args('packetId') packetId: string): Promise<ReceivedPacketObject[]> {
    return (await this.inbound.replies(packetId)).map((row) => ReceivedPacketObject.of(row));
  }

  @Query(() => [ReceivedPacketObject], {
    description: 'What partners sent back about one of our cases (replies to our shares).',
  })
  @Roles(Role.ANALYST, Role.LIAISON_OFFICER)
  async caseReplies(@Args('caseId', { type: () => ID }) caseId: string): Promise<ReceivedPacketObject[]> {
    return (await this.inbound.forLocalCase(caseId)).map((row) => ReceivedPacketObject.of(row));
  }
}
