// ISO 8601 durations in days, hours, minutes and seconds (`P3D`, `PT8H`, `P1DT12H`, `PT30S`), the
// subset deadlines and reminders need. Months and years are left out on purpose: their length
// depends on the date, and a legal deadline of "one month" is written in days by whoever sets it.

const DURATION = /^P(?:(\d{1,5})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,7})M)?(?:(\d{1,9})S)?)?$/;

/** Milliseconds of an ISO 8601 duration, or undefined when the text is not one we accept. */
export function parseIsoDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  const ms = (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
  return ms > 0 ? ms : undefined;
}

export const ISO_DURATION_HINT = 'must be an ISO 8601 duration in days, hours, minutes or seconds, e.g. P3D or PT8H';
