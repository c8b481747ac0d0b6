/**
 * Local times of one IANA zone, fast: an export formats two instants per session, and luxon alone
 * costs more than the whole CSV budget for 10,000 sessions. The zone's offset is looked up once per
 * UTC day (at its first and last millisecond; the instants of a day holding a change ask the zone
 * directly) and the local fields come from Date's UTC getters.
 */
import { IANAZone } from 'luxon';

const DAY_MS = 86_400_000;

export class LocalClock {
  private readonly zone: IANAZone;
  private readonly offsets = new Map<number, number>();
  private dayParts = { day: Number.NaN, offset: Number.NaN, date: '', zone: '' };

  constructor(readonly zoneName: string) {
    this.zone = IANAZone.create(zoneName);
    if (!this.zone.isValid) throw new RangeError(`unknown time zone ${zoneName}`);
  }

  /** Offset from UTC in minutes at `instant`. */
  offsetMinutes(instant: number): number {
    const day = Math.floor(instant / DAY_MS);
    let cached = this.offsets.get(day);
    if (cached === undefined) {
      const atStart = this.zone.offset(day * DAY_MS);
      const atEnd = this.zone.offset((day + 1) * DAY_MS - 1);
      // NaN marks a day that contains a change: its instants ask the zone directly.
      cached = atStart === atEnd ? atStart : Number.NaN;
      this.offsets.set(day, cached);
    }
    return Number.isNaN(cached) ? this.zone.offset(instant) : cached;
  }

  /** The local calendar day of `instant` as a day number (days since 1970-01-01). */
  localDay(instant: number): number {
    return Math.floor((instant + this.offsetMinutes(instant) * 60_000) / DAY_MS);
  }

  /** `2026-03-29T03:15:00+02:00` (seconds kept, milliseconds dropped). */
  iso(instant: number): string {
    const offset = this.offsetMinutes(instant);
    const local = Math.floor(instant / 1000) * 1000 + offset * 60_000;
    const day = Math.floor(local / DAY_MS);
    // The date and the offset are made once per local day (an export writes two times per session).
    let parts = this.dayParts;
    if (parts.day !== day || parts.offset !== offset) {
      const sign = offset < 0 ? '-' : '+';
      const abs = Math.abs(offset);
      parts = {
        day,
        offset,
        date: `${dayLabel(day)}T`,
        zone: `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`,
      };
      this.dayParts = parts;
    }
    const seconds = (local - day * DAY_MS) / 1000;
    const h = TWO_DIGITS[Math.floor(seconds / 3600)]!;
    const m = TWO_DIGITS[Math.floor(seconds / 60) % 60]!;
    const s = TWO_DIGITS[seconds % 60]!;
    return `${parts.date}${h}:${m}:${s}${parts.zone}`;
  }

  /** `2026-03-29 03:15` for tables read by people (the zone is named in the title). */
  short(instant: number): string {
    const iso = this.iso(instant);
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }

  /** The UTC offset as written after a time, e.g. `+02:00`. */
  offsetLabel(instant: number): string {
    return this.iso(instant).slice(19);
  }
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** `00` … `59`. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => pad(i));

/** `YYYY-MM-DD` of a day number (see `LocalClock.localDay`). */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
