/**
 * Whether the commands Discord has already match the ones we would register, so an unchanged set is not
 * overwritten on every start. Discord returns more than we send (ids, versions, defaults), so the check
 * is "everything we send is there, with the same value"; values we send that equal Discord's defaults
 * (false, null, empty lists) also match when Discord leaves them out.
 */
type Json = unknown;

function isDefaultLike(value: Json): boolean {
  return (
    value === false || value === null || value === undefined || (Array.isArray(value) && value.length === 0)
  );
}

export function containsAll(wanted: Json, actual: Json): boolean {
  if (Array.isArray(wanted)) {
    return (
      Array.isArray(actual) &&
      wanted.length === actual.length &&
      wanted.every((item, index) => containsAll(item, actual[index]))
    );
  }
  if (typeof wanted === 'object' && wanted !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const record = actual as Record<string, Json>;
    return Object.entries(wanted).every(([key, value]) =>
      key in record ? containsAll(value, record[key]) : isDefaultLike(value),
    );
  }
  return wanted === actual;
}

/** The same set of commands, by name, each with everything we would send. */
export function sameCommands(
  wanted: readonly { readonly name: string }[],
  actual: readonly { readonly name: string }[],
): boolean {
  if (wanted.length !== actual.length) return false;
  const byName = new Map(actual.map((command) => [command.name, command]));
  return wanted.every((command) => {
    const current = byName.get(command.name);
    return current !== undefined && containsAll(command, current);
  });
}
