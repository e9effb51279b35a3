// English wording of the node's errors. error.* words the domains' own codes (extensions.reasonCode:
// every `*ExceptionCode` enum under src/, checked by i18n.test.ts); apierror.* words the API code of an
// error that has none (extensions.code). A code several domains send (NOT_PENDING, OWN_REQUEST …) is
// worded so that it reads right for each of them: the console cannot tell the domains apart.
// {detail} is the node's own message, kept where it names what the officer must know (which partner, why).
export const errors = {
  'error.NETWORK': 'The node cannot be reached.',
  // Auth
  'error.INVALID_CREDENTIALS': 'Wrong user name or password.',
  'error.RATE_LIMITED': 'Too many attempts: try again in {seconds} s.',
  'error.MISSING_TOKEN': 'Your session has ended: sign in again.',
  'error.INVALID_TOKEN': 'Your session has ended: sign in again.',
  'error.ACCOUNT_DISABLED': 'This account is disabled.',
  'error.ROLE_REQUIRED': 'Your roles do not allow this.',
  // Sharing (OWN_REQUEST, NOT_PENDING, NOT_REQUESTER also freeze requests and compliance answers)
  'error.OWN_REQUEST':
    'An officer other than the one who requested or prepared it (or refreshed its preview) must decide it.',
  'error.APPROVER_CHANGED_CASE':
    'You changed this case after the share was requested: an officer who wrote none of it must approve it.',
  'error.STALE_PREVIEW': 'The case or the policy changed since the preview: refresh it and review it again.',
  'error.NOT_PENDING': 'This is no longer waiting for a decision: it has been decided or withdrawn.',
  'error.NOT_REQUESTER': 'Only the analyst who made the request can withdraw it.',
  'error.SHARE_NOT_FOUND': 'That share request or packet does not exist here.',
  // Officer accounts
  'error.USERNAME_TAKEN': 'An account with that name already exists.',
  'error.ACCOUNT_NOT_FOUND': 'There is no such account.',
  'error.CANNOT_DISABLE_SELF': 'You cannot disable your own account.',
  'error.CANNOT_DEMOTE_SELF': 'You cannot remove the administrator role from your own account.',
  // Policy (UNKNOWN_PARTNER also STIX export)
  'error.POLICY_NOT_FOUND': 'There is no such policy version.',
  'error.UNKNOWN_PARTNER': 'That partner is not configured on this node.',
  // Node identity (ALREADY_REVOKED also watchlist entries)
  'error.ALREADY_REVOKED': 'It is already revoked; a revocation is final.',
  'error.OWN_CERTIFICATE': 'This is the node’s own certificate; rotate the node keys instead.',
  'error.PEER_CERTIFICATE_UNAVAILABLE':
    'This node has no usable certificate for that partner yet, so nothing can be sealed for it ({detail}).',
  'error.ROTATION_UNAVAILABLE': 'The node keys were not rotated ({detail}).',
  // Cases
  'error.CASE_NOT_FOUND': 'That case does not exist here.',
  'error.REFERENCE_TAKEN': 'A case with that reference already exists.',
  'error.REVISION_CONFLICT': 'Someone else changed this case meanwhile: reload it and make your changes again.',
  'error.ATTACHMENT_NOT_FOUND': 'That attachment is not in this case.',
  // Freeze requests (POLICY_CHANGED, REQUEST_NOT_FOUND also compliance)
  'error.REQUEST_NOT_FOUND': 'That request, or the order behind it, is not on file here.',
  'error.HOLD_NOT_FOUND': 'That freeze does not exist here.',
  'error.NOT_HELD': 'That freeze is no longer in place.',
  'error.POLICY_CHANGED': 'The partner’s policy changed since this was written: review it again and decide again.',
  'error.ORDER_UNAVAILABLE': 'The order cannot be sent ({detail}).',
  'error.NOT_AN_AGENCY': 'Only an agency sends requests to exchanges; this node is an exchange.',
  // Compliance (exchanges)
  'error.ANSWER_NOT_FOUND': 'That answer does not exist here.',
  'error.OWN_ANSWER': 'A compliance officer other than the one who wrote the answer must decide it.',
  // Watchlist
  'error.ENTRY_NOT_FOUND': 'That watchlist entry does not exist.',
  'error.NOT_ORIGIN': 'Only the node that listed this entry may change it.',
  'error.ALREADY_LISTED': 'This identifier is already on our watchlist: update that entry instead ({detail}).',
  // TAXII inbox
  'error.INBOX_ITEM_NOT_FOUND': 'That TAXII inbox object does not exist.',
  'error.INBOX_ITEM_DECIDED': 'That TAXII inbox object has already been decided.',
  // STIX and MISP
  'error.NO_POLICY': 'There is no outbound policy for that partner: nothing may be shared with it.',
  'error.DENIED_BY_POLICY': 'The policy for that partner does not allow this case to be shared ({detail}).',
  'error.INVALID_BUNDLE': 'The STIX bundle was refused ({detail}).',
  'error.TOO_MANY_ENTRIES': 'Too many entries for one export: pull the whole feed over TAXII.',
  'error.INVALID_EVENT': 'The MISP event was refused ({detail}).',
  // Hit checks
  'error.PARTNER_REFUSED': 'The partner refused the hit check ({detail}).',
  'error.PARTNER_FAILED': 'The hit check with the partner failed ({detail}).',
  'error.REFERENCE_NOT_FOUND': 'That hit-check reference does not exist here.',
  // Wallet screening (exchanges)
  'error.SYSTEM_NOT_FOUND': 'There is no such screening system.',
  'error.NOT_AN_EXCHANGE': 'Screening systems belong to an exchange; this node is an agency.',
  'error.CERTIFICATE_IN_USE': 'That certificate is already registered for another screening system.',
  // Metrics (scrapers only, never an officer; worded for completeness)
  'error.METRICS_OFF': 'Metrics are not served by this node.',
  'error.METRICS_TOKEN_REQUIRED': 'Metrics need the scrape token.',
  // Errors without a domain code, by API code
  'apierror.BAD_USER_INPUT': 'The node refused the input: {detail}',
  'apierror.UNAUTHENTICATED': 'The node did not accept your sign-in: {detail}',
  'apierror.FORBIDDEN': 'The node refused this: {detail}',
  'apierror.NOT_FOUND': 'Not found on this node: {detail}',
  'apierror.CONFLICT': 'This conflicts with the node’s current state: {detail}',
  'apierror.RATE_LIMITED': 'Too many requests: wait a moment and try again.',
  'apierror.INTERNAL': 'The node could not do this; it has logged the details.',
} as const;
