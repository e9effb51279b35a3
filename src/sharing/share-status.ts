import { registerEnumType } from '@nestjs/graphql';

export enum ShareStatus {
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  SENT = 'SENT',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  REJECTED = 'REJECTED',
  DENIED_BY_POLICY = 'DENIED_BY_POLICY',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(ShareStatus, {
  name: 'ShareStatus',
  description: 'PENDING_APPROVAL → APPROVED → SENT → DELIVERED or FAILED; or REJECTED, DENIED_BY_POLICY, WITHDRAWN.',
});
