/**
 * The part of a WebAuthn response the pool reads before the verifier library does: the page's
 * origin and the challenge in `clientDataJSON`, so a refusal can name the check that failed.
 * Untrusted input: anything malformed gives undefined.
 */
export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
}

export function readClientData(credential: unknown): ClientData | undefined {
  const response = (credential as { response?: { clientDataJSON?: unknown } } | null)?.response;
  const encoded = response?.clientDataJSON;
  if (typeof encoded !== 'string' || !/^[A-Za-z0-9_-]*={0,2}$/.test(encoded)) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { type, challenge, origin } = parsed;
    if (typeof type !== 'string' || typeof challenge !== 'string' || typeof origin !== 'string') return undefined;
    return { type, challenge, origin };
  } catch {
    return undefined;
  }
}

/** An object with the fields every WebAuthn response JSON has (`id`, `rawId`, `type`, `response`). */
export function looksLikeCredential(v: unknown): v is { id: string; rawId: string; type: string; response: object } {
  const c = v as Record<string, unknown> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    !Array.isArray(c) &&
    typeof c.id === 'string' &&
    typeof c.rawId === 'string' &&
    typeof c.type === 'string' &&
    typeof c.response === 'object' &&
    c.response !== null
  );
}
