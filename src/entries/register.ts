import { register } from '../auth/registration';
import { mountRegister } from '../pages/register';
import { start } from './wire';

start((context) => mountRegister(document, { auth: { register }, ...context }));
