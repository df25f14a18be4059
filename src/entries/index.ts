import { currentSession, signOut } from '../auth/session.ts';
import { mountHome } from '../pages/home.ts';
import { start } from './wire.ts';

start(() => mountHome(document, { auth: { currentSession, signOut } }));
