// What the sign-in page hands to its step modules (src/pages/signin/*.ts), so each step can live in
// its own module and signin.ts keeps only small hooks.

export interface SignInPage {
  readonly root: Document;
  /** The page's message region (role=status). */
  readonly message: HTMLElement;
  readonly email: HTMLInputElement;
  readonly password: HTMLInputElement;
  /** Shows one of the page's forms (by id), names the page after it and focuses `focus`. */
  step(formId: string, focus: HTMLInputElement): void;
  /** A finished sign-in: on to ?next= (or the home page). */
  signedIn(): void;
  /** An unconfirmed account (a fresh code was sent unless destination is null): on to verify.html. */
  confirmSignUp(email: string, destination: string | null): void;
}
