// The sign-in side of pending-device.ts: the library's sign-in answer without its NewDeviceMetadata,
// so that the library lets the rider in once the tokens are stored.
import type { NewDeviceMetadataType } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoUser } from 'amazon-cognito-identity-js';
import type { LibraryClient } from './cognito-api.ts';

/**
 * For the duration of `run`, takes NewDeviceMetadata out of the sign-in answers `user`'s library
 * client receives, so the library reports success as soon as it has stored the tokens; returns
 * what `run` returns and the device it was given, if any.
 */
export async function withDeviceDeferred<T>(
  user: CognitoUser,
  run: () => Promise<T>,
): Promise<{ result: T; device: NewDeviceMetadataType | undefined }> {
  const holder = user as unknown as { client: LibraryClient };
  const client = holder.client;
  let device: NewDeviceMetadataType | undefined;
  const deferring: LibraryClient = Object.create(client);
  // The answer is this request's own freshly parsed JSON: taking the member out changes nothing else.
  deferring.request = (action, params, callback) =>
    client.request(action, params, (err, data) => {
      const result = (data as { AuthenticationResult?: { NewDeviceMetadata?: NewDeviceMetadataType } } | undefined)
        ?.AuthenticationResult;
      if (!err && result?.NewDeviceMetadata) {
        device = result.NewDeviceMetadata;
        delete result.NewDeviceMetadata;
      }
      callback(err, data);
    });
  holder.client = deferring;
  try {
    return { result: await run(), device };
  } finally {
    holder.client = client;
  }
}
