/** What each kind of audit-trail entry is called where people read it (`/timesheet audit`, exports). */
export const AUDIT_ACTION_NAMES: Readonly<Record<string, string>> = {
  'clock.in': 'clocked in',
  'clock.out': 'clocked out',
  'clock.forced': 'forced clock-out',
  'clock.switched': 'switched category',
  'clock.auto-closed': 'closed automatically',
  'clock.out.at': 'clocked out (stated time)',
  'session.confirmed': 'confirmed still working',
  'session.edited': 'session corrected',
  'session.deleted': 'session deleted',
  'session.added': 'session added',
  'period.locked': 'approved and locked',
  'period.unlocked': 'unlocked',
  'member.suspended': 'suspended',
  'member.unsuspended': 'suspension lifted',
};

/** The readable name of an audit entry's type; unknown types are shown as they are stored. */
export function auditActionName(type: string | undefined): string {
  return AUDIT_ACTION_NAMES[type ?? ''] ?? type ?? '?';
}
