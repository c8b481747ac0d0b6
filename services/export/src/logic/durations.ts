import { moneyAmount } from '@timekeeper/contracts';
/**
 * Durations as an export writes them. Storage keeps milliseconds; files show whole seconds, `h:mm`
 * (contracts' `formatDuration` in its clock style, via `hoursMinutes`) and decimal hours (contracts'
 * `decimalHours`), all derived from the same whole seconds so they never disagree.
 */
import { formatDuration } from '@timekeeper/contracts';

/** Whole seconds of a millisecond duration (half a second rounds up). */
export function wholeSeconds(ms: number): number {
  return Math.round(ms / 1000);
}

/** `h:mm` of whole seconds, minutes truncated (8:59:59 is 8:59): what a timesheet shows. */
export function hoursMinutes(seconds: number): string {
  return formatDuration(seconds * 1000, 'clock');
}

/** Pay in minor units as the file writes it (`93.00`); '' when no rate applies. */
export function payAmount(minor: number | null, pay: { readonly digits: number } | null): string {
  return minor === null || pay === null ? '' : moneyAmount(minor, pay.digits);
}
