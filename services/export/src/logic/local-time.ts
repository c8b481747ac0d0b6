/**
 * Local times of one IANA zone, fast: an export formats two instants per session, and luxon alone
 * costs more than the whole CSV budget for 10,000 sessions. The zone's offset is looked up once per
 * hour of UTC (DST changes never happen twice in an hour) and the local fields come from Date's UTC
 * getters.
 */
import { IANAZone } from 'luxon';

const HOUR_MS = 3_600_000;

export class LocalClock {
  private readonly zone: IANAZone;
  private readonly offsets = new Map<number, number>();

  constructor(readonly zoneName: string) {
    this.zone = IANAZone.create(zoneName);
    if (!this.zone.isValid) throw new RangeError(`unknown time zone ${zoneName}`);
  }

  /** Offset from UTC in minutes at `instant`. */
  offsetMinutes(instant: number): number {
    const hour = Math.floor(instant / HOUR_MS);
    let cached = this.offsets.get(hour);
    if (cached === undefined) {
      const atStart = this.zone.offset(hour * HOUR_MS);
      const atEnd = this.zone.offset((hour + 1) * HOUR_MS - 1);
      // NaN marks an hour that contains a change: those few instants ask the zone directly.
      cached = atStart === atEnd ? atStart : Number.NaN;
      this.offsets.set(hour, cached);
    }
    return Number.isNaN(cached) ? this.zone.offset(instant) : cached;
  }

  /** `2026-03-29T03:15:00+02:00` (seconds kept, milliseconds dropped). */
  iso(instant: number): string {
    const offset = this.offsetMinutes(instant);
    const local = new Date(Math.floor(instant / 1000) * 1000 + offset * 60_000);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return (
      `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
      `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
      `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
    );
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
