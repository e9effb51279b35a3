import { Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../common/auth/auth.decorators.js';
import { ALL_ROLES } from '../kernel/vocabulary/role.js';
import { PeerStatusObject } from './dto/peer-status.object.js';
import { PeerStatusService } from './peer-status.service.js';

@Resolver(() => PeerStatusObject)
export class PeerStatusResolver {
  constructor(private readonly peerStatus: PeerStatusService) {}

  // Every role: analysts pick partners for a share from it; nothing in it is secret (certificates
  // are public, addresses are in the configuration).
  @Query(() => [PeerStatusObject], {
    description: 'The configured partner nodes: certificates seen, watchlist sync lag and delivery backlog.',
  })
  @Roles(...ALL_ROLES)
  async peers(): Promise<PeerStatusObject[]> {
    return this.peerStatus.list();
  }
}
