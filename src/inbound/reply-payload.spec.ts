import { schemaShape, shapeOf } from '../kernel/wire/wire-shape.test-helpers.js';
import { replyPayloadSchema, type ReplyPayload } from './reply-payload.js';

describe('the reply body type is its published schema (docs/schemas/reply-body.json)', () => {
  it('has the same members', () => {
    expect(schemaShape('reply-body')).toEqual(
      shapeOf<ReplyPayload>()(['kind', 'text', 'tlp', 'offenceCategories', 'retentionDays'], ['reference']),
    );
  });

  it('takes a reply and refuses one without its text, naming the member', () => {
    const reply = {
      kind: 'reply',
      text: 'Known to us.',
      tlp: 'AMBER',
      offenceCategories: ['ONLINE_SCAM'],
      retentionDays: 30,
    };
    expect(replyPayloadSchema.problem(reply)).toBeUndefined();
    expect(replyPayloadSchema.problem({ ...reply, text: undefined })).toBe('text: is missing');
  });
});
