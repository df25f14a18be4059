import { currentSession, signOut } from '../auth/session';
import { mountHome } from '../pages/home';
import { start } from './wire';

start(() => mountHome(document, { auth: { currentSession, signOut } }));
