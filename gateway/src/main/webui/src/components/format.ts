import cronstrue from 'cronstrue';
import type { Retention } from '../api/types';

export function dateTime(value?: string | null): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString();
}

export function duration(ms?: number | null): string {
  if (ms === undefined || ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "At 02:00 AM" for a 5-field cron; the cron itself when cronstrue cannot read it. */
export function cronInWords(cron?: string | null): string {
  if (!cron) return '';
  try {
    return cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return cron;
  }
}

/** An ISO-8601 duration in words: P30D -> 30 days, PT12H -> 12 hours, P1Y2M -> 1 year 2 months. */
export function isoDurationInWords(value?: string | null): string {
  if (!value) return '';
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(value.trim());
  if (!m) return value;
  const units = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];
  const parts = units
    .map((unit, i) => [Number(m[i + 1] ?? 0), unit] as const)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`);
  return parts.length ? parts.join(' ') : value;
}

/** Retention labelled as what it is: a keep-last count of snapshots and/or a maximum age (never "days"). */
export function retentionInWords(r?: Retention | null): string {
  if (!r) return '—';
  const parts: string[] = [];
  if (r.keepLast) parts.push(`keep last ${r.keepLast} snapshot${r.keepLast === 1 ? '' : 's'}`);
  if (r.maxAge) parts.push(`max age ${isoDurationInWords(r.maxAge)}`);
  return parts.length ? parts.join(', ') : '—';
}

export function shortId(id?: string | null): string {
  return id ? id.slice(0, 8) : '—';
}
