import { currentSession, signOut } from '../auth/session.ts';
import { settleDevice } from '../auth/settle-later.ts';
import { warmSessionCode } from '../auth/warm-session.ts';
import { mountHome } from '../pages/home.ts';
import { start } from './wire.ts';

// The device the sign-in that led here was given, confirmed once the page is painted (pending-device.ts).
start(
  ({ params }) => mountHome(document, { auth: { currentSession, signOut, warmSessionCode }, params }),
  () => void settleDevice(),
);
