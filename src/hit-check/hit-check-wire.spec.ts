import { schemaShape, shapeOf } from '../kernel/wire/wire-shape.test-helpers.js';
import type {
  HitCheckEvaluateRequest,
  HitCheckEvaluateResponse,
  HitCheckSetItem,
  HitCheckSetPage,
} from './hit-check-wire.js';

describe('the hit-check types are their published schemas (docs/schemas/hit-check-*.json)', () => {
  it.each([
    ['hit-check-request', shapeOf<HitCheckEvaluateRequest>()(['blinded'], [])],
    ['hit-check-answer', shapeOf<HitCheckEvaluateResponse>()(['evaluated'], [])],
    ['hit-check-set-page', shapeOf<HitCheckSetPage>()(['items', 'nextCursor', 'hasMore'], [])],
    ['hit-check-set-page#/properties/items/items', shapeOf<HitCheckSetItem>()(['output', 'reference'], [])],
  ])('%s', (ref, shape) => expect(schemaShape(ref)).toEqual(shape));
});
