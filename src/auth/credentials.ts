// Where passkeys come from: the browser's navigator.credentials, or (in tests) an authenticator
// that answers the same two calls.
import type { ErrorContext } from './errors.ts';
import { toAuthError } from './errors.ts';

export interface PasskeyOptions {
  credentials?: Pick<CredentialsContainer, 'get' | 'create'> | undefined;
}

/** The credentials container to use; a browser without WebAuthn fails as one that refuses it (NotSupportedError). */
export function credentialsOf(
  options: PasskeyOptions,
  step: ErrorContext,
): Pick<CredentialsContainer, 'get' | 'create'> {
  const credentials = options.credentials ?? globalThis.navigator?.credentials;
  if (!credentials) throw toAuthError(new DOMException('WebAuthn is not available.', 'NotSupportedError'), step);
  return credentials;
}
