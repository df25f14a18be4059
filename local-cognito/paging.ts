import { invalidParameter, MSG } from './errors.ts';

/** Opaque page tokens over a stable ordering: the offset, sealed as base64url JSON. */
export function page<T>(items: T[], limit: number, token: string | undefined): { items: T[]; next?: string } {
  let offset = 0;
  if (token !== undefined) {
    try {
      const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
      if (typeof parsed.o !== 'number' || !Number.isInteger(parsed.o) || parsed.o < 0) throw new Error();
      offset = parsed.o;
    } catch {
      throw invalidParameter(MSG.invalidPaginationToken);
    }
  }
  const slice = items.slice(offset, offset + limit);
  const end = offset + slice.length;
  return end < items.length
    ? { items: slice, next: Buffer.from(JSON.stringify({ o: end })).toString('base64url') }
    : { items: slice };
}
