import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PolicyTextObject } from '../policy/dto/policy-text.object.js';
import { policyTextOf } from '../policy/policy-text.js';
import { RemovedFieldObject, ShareRequestObject } from './dto/share-request.object.js';

/** policyReasons and removal rules as codes with parameters, beside the English the node stores. */
@Resolver(() => ShareRequestObject)
export class ShareRequestTextResolver {
  @ResolveField(() => [PolicyTextObject], {
    description: "policyReasons as stable codes with parameters, in the same order, to word in the reader's language.",
  })
  policyReasonTexts(@Parent() share: ShareRequestObject): PolicyTextObject[] {
    return share.policyReasons.map(policyTextOf);
  }
}

@Resolver(() => RemovedFieldObject)
export class RemovedFieldTextResolver {
  @ResolveField(() => PolicyTextObject, { description: 'The rule as a stable code with parameters.' })
  ruleText(@Parent() field: RemovedFieldObject): PolicyTextObject {
    return policyTextOf(field.rule);
  }
}
