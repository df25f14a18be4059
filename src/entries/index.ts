import { currentSession, signOut } from '../auth/session.ts';
import { mountHome } from '../pages/home.ts';
import { start } from './wire.ts';

start(({ params }) => mountHome(document, { auth: { currentSession, signOut }, params }));
