// The `npm run users -- <command> --help` texts.

export const COMMAND_HELP: Record<string, string> = {
  list: `Usage: npm run users -- list [options]

Lists every user of the pool (all pages) as a table: email, status, enabled, created.
IAM action: cognito-idp:ListUsers.`,
  confirm: `Usage: npm run users -- confirm <email> [options]

Confirms a rider who signed up but has not entered the emailed code (AdminConfirmSignUp),
so they can sign in. A rider who is already confirmed is left as is.
IAM action: cognito-idp:AdminConfirmSignUp.`,
  create: `Usage: npm run users -- create <email> [--invite] [options]

Creates a rider (AdminCreateUser) with a verified email and a random temporary password that
is printed once; at first sign-in they must choose their own (status FORCE_CHANGE_PASSWORD).
  --invite            also let Cognito email the invitation with the temporary password
                      (default: no email is sent)
IAM action: cognito-idp:AdminCreateUser.`,
  delete: `Usage: npm run users -- delete <email> [options]

Deletes a rider (AdminDeleteUser). This cannot be undone.
IAM action: cognito-idp:AdminDeleteUser.`,
  'reset-password': `Usage: npm run users -- reset-password <email> [options]

Resets a rider's password (AdminResetUserPassword): Cognito emails them a code and they must
set a new password with "Forgot password" before they can sign in again.
IAM action: cognito-idp:AdminResetUserPassword.`,
  mfa: `Usage: npm run users -- mfa <email> off [options]

Turns off a rider's two-factor sign-in with an authenticator app (AdminSetUserMFAPreference:
not enabled, not preferred), for a rider who lost their phone. With MFA optional in the pool
they sign in with their password alone and can set up a new authenticator on their account
page; with MFA on, the next sign-in walks them through setting one up.
IAM action: cognito-idp:AdminSetUserMFAPreference.`,
  devices: `Usage: npm run users -- devices <email> [forget <device-key>] [options]

Lists the devices Cognito remembers for a rider (AdminListDevices) as a table: name, key,
status (remembered / not_remembered), last used. With \`forget <device-key>\`, forgets that
device (AdminForgetDevice): its next sign-in asks for the second factor again.
IAM actions: cognito-idp:AdminListDevices, AdminForgetDevice.`,
};
