import { Role } from '../../src/kernel/vocabulary/role.js';

/** Reachable without a token. */
export const PUBLIC = 'PUBLIC';

const { ANALYST, LIAISON_OFFICER, ADMIN, AUDITOR, COMPLIANCE_OFFICER } = Role;
const EVERY_ROLE = [ANALYST, LIAISON_OFFICER, ADMIN, AUDITOR, COMPLIANCE_OFFICER];

/**
 * Who may run each operation of schema.graphql: PUBLIC, or the roles of which the caller needs one.
 * The authorisation-matrix test runs every operation for each role and with no token against this
 * table, and fails for an operation without a row here: add one line per new operation.
 */
export const AUTHORIZATION_TABLE: Readonly<Record<string, typeof PUBLIC | readonly Role[]>> = {
  // Queries
  'Query.alerts': [ANALYST, COMPLIANCE_OFFICER],
  'Query.auditLog': [AUDITOR],
  'Query.case': [ANALYST, LIAISON_OFFICER],
  'Query.caseReplies': [ANALYST, LIAISON_OFFICER],
  'Query.complianceAnswers': [COMPLIANCE_OFFICER],
  'Query.complianceQueue': [COMPLIANCE_OFFICER],
  'Query.complianceRequest': [COMPLIANCE_OFFICER],
  'Query.cases': [ANALYST, LIAISON_OFFICER],
  'Query.checkPartnerPolicy': [ADMIN],
  'Query.deliveries': [ADMIN, LIAISON_OFFICER],
  'Query.exportCaseMisp': [LIAISON_OFFICER],
  'Query.exportCaseStix': [LIAISON_OFFICER],
  'Query.exportWatchlistStix': [ANALYST, LIAISON_OFFICER],
  'Query.freezeHolds': [ANALYST, LIAISON_OFFICER],
  'Query.freezeRequest': [ANALYST, LIAISON_OFFICER],
  'Query.freezeRequests': [ANALYST, LIAISON_OFFICER],
  'Query.hitCheckReference': [ANALYST],
  'Query.hitReports': [ANALYST, LIAISON_OFFICER],
  'Query.identifierGraph': [ANALYST],
  'Query.inboundPackets': [ANALYST, LIAISON_OFFICER],
  'Query.me': EVERY_ROLE,
  'Query.nodeInfo': PUBLIC,
  'Query.packetReplies': [ANALYST, LIAISON_OFFICER],
  'Query.partnerHitCheck': [ANALYST],
  'Query.partnerPolicies': [ADMIN, LIAISON_OFFICER, AUDITOR],
  'Query.partnerPolicy': [ADMIN, LIAISON_OFFICER, AUDITOR],
  'Query.peers': EVERY_ROLE,
  'Query.policyFieldTransforms': [ADMIN, LIAISON_OFFICER, AUDITOR],
  'Query.receivedCase': [ANALYST, LIAISON_OFFICER],
  'Query.revokedCertificates': [ADMIN, AUDITOR],
  'Query.sentShares': [AUDITOR],
  'Query.screeningSystems': [ADMIN, AUDITOR],
  'Query.screen': [ANALYST, COMPLIANCE_OFFICER],
  'Query.shareRequest': [ANALYST, LIAISON_OFFICER],
  'Query.shareRequests': [ANALYST, LIAISON_OFFICER],
  'Query.taxiiAccounts': [ADMIN, AUDITOR],
  'Query.taxiiInboxItems': [ANALYST, LIAISON_OFFICER],
  'Query.users': [ADMIN],
  'Query.validateIdentifier': EVERY_ROLE,
  'Query.verifyAuditChain': [AUDITOR],
  'Query.walletHits': [COMPLIANCE_OFFICER],
  'Query.watchlist': [ANALYST, COMPLIANCE_OFFICER],

  // Mutations
  'Mutation.acknowledgeAlert': [ANALYST, COMPLIANCE_OFFICER],
  'Mutation.addWatchlistEntry': [ANALYST],
  'Mutation.approveFreezeAnswer': [COMPLIANCE_OFFICER],
  'Mutation.approveFreezeRequest': [LIAISON_OFFICER],
  'Mutation.approveShare': [LIAISON_OFFICER],
  'Mutation.createCase': [ANALYST],
  'Mutation.createUser': [ADMIN],
  'Mutation.disableScreeningSystem': [ADMIN],
  'Mutation.disableTaxiiAccount': [ADMIN],
  'Mutation.disableTaxiiPublisherAccount': [ADMIN],
  'Mutation.disableUser': [ADMIN],
  'Mutation.importMisp': [ANALYST],
  'Mutation.draftFreezeAnswer': [COMPLIANCE_OFFICER],
  'Mutation.extendFreeze': [ANALYST],
  'Mutation.importStix': [ANALYST],
  'Mutation.issueScreeningKey': [ADMIN],
  'Mutation.issueTaxiiAccount': [ADMIN],
  'Mutation.issueTaxiiPublisherAccount': [ADMIN],
  'Mutation.approveTaxiiInboxItem': [LIAISON_OFFICER],
  'Mutation.rejectTaxiiInboxItem': [LIAISON_OFFICER],
  'Mutation.login': PUBLIC,
  'Mutation.refreshSharePreview': [ANALYST, LIAISON_OFFICER],
  'Mutation.registerScreeningCertificate': [ADMIN],
  'Mutation.rejectFreezeAnswer': [COMPLIANCE_OFFICER],
  'Mutation.rejectFreezeRequest': [LIAISON_OFFICER],
  'Mutation.rejectShare': [LIAISON_OFFICER],
  'Mutation.releaseFreeze': [ANALYST],
  'Mutation.replyToPacket': [ANALYST],
  'Mutation.requestFreeze': [ANALYST],
  'Mutation.requestShare': [ANALYST],
  'Mutation.retryDelivery': [ADMIN],
  'Mutation.revokePeerCertificate': [ADMIN],
  'Mutation.revokeWatchlistEntry': [ANALYST],
  'Mutation.rotateNodeKeys': [ADMIN],
  'Mutation.setPartnerPolicy': [ADMIN],
  'Mutation.setUserRoles': [ADMIN],
  'Mutation.updateCase': [ANALYST],
  'Mutation.updateWatchlistEntry': [ANALYST],
  'Mutation.withdrawFreezeRequest': [ANALYST],
  'Mutation.withdrawShare': [ANALYST],

  // Subscriptions (graphql-ws)
  'Subscription.alertRaised': [ANALYST, COMPLIANCE_OFFICER],
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
