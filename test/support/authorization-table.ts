import { Role } from '../../src/auth/role.enum.js';

/** Reachable without a token. */
export const PUBLIC = 'PUBLIC';

const { ANALYST, LIAISON_OFFICER, ADMIN, AUDITOR } = Role;
const EVERY_ROLE = [ANALYST, LIAISON_OFFICER, ADMIN, AUDITOR];

/**
 * Who may run each operation of schema.graphql: PUBLIC, or the roles of which the caller needs one.
 * The authorisation-matrix test runs every operation for each role and with no token against this
 * table, and fails for an operation without a row here: add one line per new operation.
 */
export const AUTHORIZATION_TABLE: Readonly<Record<string, typeof PUBLIC | readonly Role[]>> = {
  // Queries
  'Query.alerts': [ANALYST],
  'Query.auditLog': [AUDITOR],
  'Query.case': [ANALYST, LIAISON_OFFICER],
  'Query.caseReplies': [ANALYST, LIAISON_OFFICER],
  'Query.cases': [ANALYST, LIAISON_OFFICER],
  'Query.deliveries': [ADMIN, LIAISON_OFFICER],
  'Query.exportCaseStix': [LIAISON_OFFICER],
  'Query.exportWatchlistStix': [ANALYST, LIAISON_OFFICER],
  'Query.hitCheckReference': [ANALYST],
  'Query.identifierGraph': [ANALYST],
  'Query.inboundPackets': [ANALYST, LIAISON_OFFICER],
  'Query.me': EVERY_ROLE,
  'Query.nodeInfo': PUBLIC,
  'Query.packetReplies': [ANALYST, LIAISON_OFFICER],
  'Query.partnerHitCheck': [ANALYST],
  'Query.partnerPolicies': [ADMIN, LIAISON_OFFICER, AUDITOR],
  'Query.partnerPolicy': [ADMIN, LIAISON_OFFICER, AUDITOR],
  'Query.peers': EVERY_ROLE,
  'Query.receivedCase': [ANALYST, LIAISON_OFFICER],
  'Query.revokedCertificates': [ADMIN, AUDITOR],
  'Query.screen': [ANALYST],
  'Query.shareRequest': [ANALYST, LIAISON_OFFICER],
  'Query.shareRequests': [ANALYST, LIAISON_OFFICER],
  'Query.taxiiAccounts': [ADMIN, AUDITOR],
  'Query.users': [ADMIN],
  'Query.validateIdentifier': EVERY_ROLE,
  'Query.verifyAuditChain': [AUDITOR],
  'Query.watchlist': [ANALYST],

  // Mutations
  'Mutation.acknowledgeAlert': [ANALYST],
  'Mutation.addWatchlistEntry': [ANALYST],
  'Mutation.approveShare': [LIAISON_OFFICER],
  'Mutation.createCase': [ANALYST],
  'Mutation.createUser': [ADMIN],
  'Mutation.disableTaxiiAccount': [ADMIN],
  'Mutation.disableUser': [ADMIN],
  'Mutation.importStix': [ANALYST],
  'Mutation.issueTaxiiAccount': [ADMIN],
  'Mutation.login': PUBLIC,
  'Mutation.refreshSharePreview': [ANALYST, LIAISON_OFFICER],
  'Mutation.rejectShare': [LIAISON_OFFICER],
  'Mutation.replyToPacket': [ANALYST],
  'Mutation.requestShare': [ANALYST],
  'Mutation.retryDelivery': [ADMIN],
  'Mutation.revokePeerCertificate': [ADMIN],
  'Mutation.revokeWatchlistEntry': [ANALYST],
  'Mutation.rotateNodeKeys': [ADMIN],
  'Mutation.setPartnerPolicy': [ADMIN],
  'Mutation.updateCase': [ANALYST],
  'Mutation.updateWatchlistEntry': [ANALYST],
  'Mutation.withdrawShare': [ANALYST],

  // Subscriptions (graphql-ws)
  'Subscription.alertRaised': [ANALYST],
};

/** The roles allowed to run an operation ([] for none), or PUBLIC. */
export function allowedFor(operation: string): typeof PUBLIC | readonly Role[] {
  const entry = AUTHORIZATION_TABLE[operation];
  if (entry === undefined) {
    throw new Error(
      `${operation} has no entry in the authorisation table: add '${operation}': [<roles>] (or PUBLIC) to test/support/authorization-table.ts`,
    );
  }
  return entry;
}
