/** The members of a request body (or a stored one) that an update takes; null ones count as absent. */
export function pickMembers(body: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = body[name];
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}
