import { confirmRegistration, resendConfirmationCode } from '../auth/registration';
import { mountVerify } from '../pages/verify';
import { start } from './wire';

start((context) => mountVerify(document, { auth: { confirmRegistration, resendConfirmationCode }, ...context }));
