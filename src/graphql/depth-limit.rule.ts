import { NoFragmentCyclesRule, validate, type ValidationContext, type ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';

/**
 * graphql-depth-limit follows fragment spreads without remembering where it has been: a fragment cycle
 * (`fragment A { ...B } fragment B { ...A }`) overflowed the stack and answered HTTP 500. The cycle is
 * refused by graphql-js's own NoFragmentCyclesRule, so the depth is measured only on acyclic documents.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  const limit = depthLimit(maxDepth);
  return (context: ValidationContext) => {
    if (validate(context.getSchema(), context.getDocument(), [NoFragmentCyclesRule]).length) return {};
    return limit(context);
  };
}
