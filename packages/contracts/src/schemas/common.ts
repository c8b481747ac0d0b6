import { z } from 'zod';

/** Version of every message schema in this package; also the `schema-version` NATS header. */
export const SCHEMA_VERSION = 1;

/** A Discord id: a decimal unsigned 64-bit integer as a string. */
export const Snowflake = z.string().regex(/^\d{1,20}$/, 'expected a Discord snowflake (decimal digits)');

/** An instant as UTC epoch milliseconds. */
export const EpochMs = z
  .number()
  .int('expected whole milliseconds')
  .nonnegative()
  .max(8.64e15, 'not a valid date');

/** Non-negative duration in milliseconds. */
export const DurationMs = z.number().int('expected whole milliseconds').nonnegative();

/** Ids we mint (event ids, job ids, session ids): UUIDs, ULIDs or composite keys such as `reminder:<session>:3`. */
export const OpaqueId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'expected an id of letters, digits and _ . : -');

/** A category's stable key (its normalised name). */
export const CategoryKey = z.string().min(1).max(64);

/** A calendar day, `YYYY-MM-DD`, in the guild's time zone. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD');
