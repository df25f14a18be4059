import { confirmRegistration, resendConfirmationCode } from '../auth/registration.ts';
import { mountVerify } from '../pages/verify.ts';
import { start } from './wire.ts';

start((context) => mountVerify(document, { auth: { confirmRegistration, resendConfirmationCode }, ...context }));
