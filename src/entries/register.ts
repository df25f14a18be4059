import { register } from '../auth/registration.ts';
import { mountRegister } from '../pages/register.ts';
import { start } from './wire.ts';

start((context) => mountRegister(document, { auth: { register }, ...context }));
