// The pages that confirm a pending device (the home page after painting, the account page before
// listing devices) load the code that does it only when a sign-in left one (pending-device.ts).
import { hasPendingDevice } from './pending-device.ts';

export async function settleDevice(): Promise<void> {
  if (!hasPendingDevice()) return;
  const { settlePendingDevice } = await import('./settle-device.ts');
  await settlePendingDevice();
}
