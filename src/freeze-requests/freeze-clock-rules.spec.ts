import {
  answerStateOf,
  describeInterval,
  holdCheckpoints,
  realStartAfter,
  remindersDue,
} from './freeze-clock-rules.js';

const DAY = 86_400_000;
const until = new Date('2026-09-01T00:00:00.000Z');
const reminders = [DAY, 7 * DAY];

describe('the request clocks', () => {
  it('count an answer as substantive only when it is not an acknowledgement, for every target', () => {
    expect(answerStateOf(['T1', 'T2'], new Map())).toBe('NONE');
    expect(answerStateOf(['T1', 'T2'], new Map([['T1', 'ACKNOWLEDGED']]))).toBe('ACKNOWLEDGED');
    expect(answerStateOf(['T1', 'T2'], new Map([['T1', 'FROZEN']]))).toBe('ACKNOWLEDGED');
    expect(
      answerStateOf(
        ['T1', 'T2'],
        new Map([
          ['T1', 'FROZEN'],
          ['T2', 'NOT_OUR_CUSTOMER'],
        ]),
      ),
    ).toBe('ANSWERED');
  });

  it('raise reminders largest first, as each falls due', () => {
    expect(remindersDue(until, new Date(until.getTime() - 8 * DAY), reminders)).toBe(0);
    expect(remindersDue(until, new Date(until.getTime() - 7 * DAY), reminders)).toBe(1);
    expect(remindersDue(until, new Date(until.getTime() - DAY / 2), reminders)).toBe(2);
    expect(holdCheckpoints(until, reminders).map((d) => d.toISOString())).toEqual([
      '2026-08-25T00:00:00.000Z',
      '2026-08-31T00:00:00.000Z',
      '2026-09-01T00:00:00.000Z',
    ]);
  });

  it('turn a due time on the node clock into queue time, never in the past', () => {
    const clockNow = new Date('2030-01-01T00:00:00.000Z');
    expect(realStartAfter(new Date(clockNow.getTime() + 5000), clockNow, 1000).getTime()).toBe(6000);
    expect(realStartAfter(new Date(clockNow.getTime() - 5000), clockNow, 1000).getTime()).toBe(1000);
  });

  it('write intervals the way alerts say them', () => {
    expect(describeInterval(3 * DAY + 4 * 3600_000)).toBe('in 3 d 4 h');
    expect(describeInterval(-(2 * 3600_000 + 5 * 60_000))).toBe('2 h 5 min ago');
    expect(describeInterval(4000)).toBe('in 4 s');
  });
});
