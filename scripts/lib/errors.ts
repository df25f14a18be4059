// Every error the scripts can meet, as one line a person can act on. Expected errors (bad input,
// credentials, permissions, unknown pool or user, throttling, unreachable endpoint) get a
// specific message; anything else gets its message and a pointer to --debug for the stack.

/** Bad command line (unknown option, missing argument, malformed value): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An expected failure with a message that already says what to do: exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

/** A failed Cognito call, with the API action (e.g. `CreateUserPool`) that failed. */
export class CognitoCallError extends Error {
  override name = 'CognitoCallError';
  readonly action: string;
  override readonly cause: unknown;

  constructor(action: string, cause: unknown) {
    super(`${action}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.action = action;
    this.cause = cause;
  }
}

/** Runs one API call; a failure is rethrown as CognitoCallError naming the action. */
export async function call<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new CognitoCallError(action, error);
  }
}

export interface ErrorContext {
  poolId?: string;
  region?: string;
  endpoint?: string;
  email?: string;
}

export interface DescribedError {
  message: string;
  /** True for command-line mistakes (exit code 2). */
  usage: boolean;
}

export const NO_CREDENTIALS =
  'No AWS credentials found — set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), ' +
  'or run `aws configure` / `aws sso login`; to use the local pool instead, pass --endpoint http://127.0.0.1:5173/__cognito/.';

const DEBUG_HINT = 're-run with --debug for the stack trace';

const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
]);
const THROTTLED = new Set(['TooManyRequestsException', 'ThrottlingException']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH']);

export function describeError(error: unknown, context: ErrorContext): DescribedError {
  if (error instanceof UsageError) return { message: error.message, usage: true };
  if (error instanceof CliError) return { message: error.message, usage: false };
  if (error instanceof CognitoCallError) return { message: describeCallError(error, context), usage: false };
  const message = error instanceof Error ? error.message : String(error);
  return { message: `${message} (${DEBUG_HINT}).`, usage: false };
}

function describeCallError(error: CognitoCallError, context: ErrorContext): string {
  const { action } = error;
  const cause = error.cause instanceof Error ? error.cause : new Error(String(error.cause));
  const name = cause.name;
  const pool = context.poolId ?? 'the user pool';
  const where = context.endpoint ? `at ${context.endpoint}` : `in ${context.region ?? 'this region'}`;

  if (name === 'CredentialsProviderError') return NO_CREDENTIALS;
  if (name === 'AccessDeniedException') {
    return (
      `Access denied: your AWS identity is not allowed to call cognito-idp:${action}` +
      `${context.poolId ? ` on ${context.poolId}` : ''}; add that action to its IAM policy.`
    );
  }
  if (BAD_CREDENTIALS.has(name)) {
    return `AWS rejected your credentials (${name}: ${cause.message}); refresh them (e.g. \`aws sso login\`) and try again.`;
  }
  if (name === 'ResourceNotFoundException' && action === 'AdminForgetDevice' && /device/i.test(cause.message)) {
    return `${context.email ?? 'This user'} has no device with that key in user pool ${pool}; \`npm run users -- devices ${context.email ?? '<email>'}\` lists them.`;
  }
  if (name === 'ResourceNotFoundException') {
    return `User pool ${pool} not found ${where}; check --pool-id / VITE_COGNITO_USER_POOL_ID and --region.`;
  }
  if (name === 'UserNotFoundException') {
    return `No user ${context.email ? `${context.email} ` : ''}in user pool ${pool}.`;
  }
  if (name === 'UsernameExistsException') {
    return `A user with email ${context.email ?? '(given)'} already exists in user pool ${pool}.`;
  }
  if (
    name === 'InvalidParameterException' &&
    action === 'AdminResetUserPassword' &&
    /no registered\/verified email/.test(cause.message)
  ) {
    return (
      `${context.email ?? 'This user'} has no verified email address, so Cognito cannot send a reset code ` +
      '(`users confirm` confirms the account but does not verify the address); ' +
      're-create them with `users delete` and `users create`, which marks the address verified.'
    );
  }
  const status = /Current status is (\w+)/.exec(cause.message)?.[1];
  if (name === 'NotAuthorizedException' && action === 'AdminConfirmSignUp' && status) {
    return (
      `${context.email ?? 'This user'} cannot be confirmed: their status is ${status}; ` +
      'only riders who signed up and have not entered their code (UNCONFIRMED) can be.'
    );
  }
  if (THROTTLED.has(name)) {
    const attempts = (cause as { $metadata?: { attempts?: number } }).$metadata?.attempts;
    const tried = attempts ? `${attempts} attempts` : "the SDK's retries";
    return `Cognito is throttling ${action} requests (${name}) and refused ${tried}; wait a minute and run the command again.`;
  }
  const network = networkCode(cause);
  if (network) {
    return context.endpoint
      ? `Cannot reach ${context.endpoint} (${network}); is \`npm run dev\` (or \`npm run cognito:local\`) running there?`
      : `Cannot reach Cognito ${where} (${network}); check your network and --region.`;
  }
  return `${action} failed — ${name}: ${cause.message} (${DEBUG_HINT}).`;
}

function networkCode(error: Error): string | undefined {
  const codes = [
    error,
    ...(error instanceof AggregateError ? error.errors : []),
    (error as { cause?: unknown }).cause,
  ].map((e) => (e && typeof e === 'object' ? (e as { code?: unknown }).code : undefined));
  const code = codes.find((c): c is string => typeof c === 'string' && NETWORK_CODES.has(c));
  if (code) return code;
  return error.name === 'TimeoutError' ? 'timed out' : undefined;
}
