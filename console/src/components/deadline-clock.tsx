import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

/**
 * "3 d 4 h", "2 h 5 min", "40 s" in the reader's language: the browser's own unit names
 * (Intl.NumberFormat, "3일 4시간" in Korean), so the clock needs no catalogue of its own.
 */
export function interval(ms: number, lang = 'en'): string {
  const unit = (n: number, name: 'day' | 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(n);
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  if (days) return hours ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours) return minutes ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(hours, 'hour');
  if (minutes) return unit(minutes, 'minute');
  return unit(Math.round(abs / 1000), 'second');
}

/**
 * A deadline (or the end of a freeze) as a clock that keeps counting: time left, or an overdue marker
 * once it has passed. `done`: the thing it times is settled (answered, released), so no marker.
 */
export function DeadlineClock({
  at,
  kind = 'due',
  done = false,
}: {
  at: string | null;
  kind?: 'due' | 'end';
  done?: boolean;
}) {
  const { t, lang } = useI18n();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  if (!at) return <span class="muted">—</span>;
  const left = new Date(at).getTime() - now;
  const passed = left < 0;
  const text =
    kind === 'due'
      ? t(passed ? 'clock.overdue' : 'clock.dueIn', { time: interval(left, lang) })
      : t(passed ? 'clock.ended' : 'clock.endsIn', { time: interval(left, lang) });
  const state = done ? 'done' : passed ? 'overdue' : left < 86_400_000 ? 'soon' : 'later';
  return (
    <span class={`clock clock-${state}`} data-clock={state} title={new Date(at).toISOString()}>
      <time dateTime={new Date(at).toISOString()}>{text}</time>
    </span>
  );
}
