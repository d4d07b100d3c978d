const KNOWN = new Set(['OK', 'DEGRADED', 'DOWN']);

/** Coloured health badge; a status the desk does not know yet is still shown, in neutral grey. */
export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const tone = KNOWN.has(status) ? status.toLowerCase() : 'unknown';
  return (
    <span className={`badge badge--${tone}`} data-testid={testId} data-status={status}>
      {status}
    </span>
  );
}
