// Accounts and sessions on the server: signing in (with an authenticator's
// code when the account has one), replacing a one-time password, setting
// up the second factor, and a coordinator's list of accounts. The rules are
// the core's; this only sends what the screens collect.
import type { Account, AccountInput, AppStatus, Invitation, InvitationView } from "../bindings";
import { json } from "./http";

export interface SessionView {
  account: Account;
  /** The account's role must sign in with an authenticator's code. */
  totpRequired: boolean;
  /** Minutes without use before the session ends. */
  idleMinutes: number;
  /** The account may list, create and disable accounts. */
  managesAccounts: boolean;
}

export interface TotpOffer {
  /** Base32, to type into the authenticator app. */
  secret: string;
  /** `otpauth://` address, for apps that take one. */
  url: string;
}

export interface CreatedAccount {
  account: Account;
  /** Shown once, to pass on by phone or in person (none for an agency's representative). */
  oneTimePassword: string | null;
  /** An agency representative's invitation, to send as a link. */
  invitation: Invitation | null;
}

/** What the shell shows of a signed-in session (the desktop's three roles). */
export function statusOf(session: SessionView | null): AppStatus {
  if (!session) return { state: "locked", user: null, data_dir: "" };
  const role = session.account.role;
  return {
    state: "unlocked",
    user: { name: session.account.display_name, role: role === "chair" ? "chair" : role === "agency" ? "other" : "coordinator" },
    data_dir: "",
  };
}

let last: SessionView | null = null;
let whySignedOut = "";

/** Why the last session ended other than by "Sign out" (for the sign-in page), once. */
export function takeSignOutReason(): string {
  const why = whySignedOut;
  whySignedOut = "";
  return why;
}

/** Notes why the session ended, for the sign-in page to say. */
export function noteSignOutReason(why: string): void {
  whySignedOut = why;
}

/** The session as last read (for the idle time); null when signed out. */
export function lastSession(): SessionView | null {
  return last;
}

/** The signed-in session, or null when there is none. */
export async function currentSession(): Promise<SessionView | null> {
  try {
    last = await json<SessionView>("/api/session", "GET", undefined, true);
  } catch (err) {
    last = null;
    if ((err as { code?: string }).code === "not_signed_in") return null;
    throw err;
  }
  return last;
}

export async function signIn(username: string, password: string, code: string | null): Promise<SessionView> {
  last = await json<SessionView>("/api/session", "POST", { username, password, code });
  return last;
}

export async function signOut(): Promise<void> {
  last = null;
  await json<void>("/api/session", "DELETE");
}

export async function changePassword(current: string, password: string): Promise<SessionView> {
  await json<SessionView>("/api/password", "POST", { current, password });
  return (await currentSession()) as SessionView;
}

export const offerTotp = () => json<TotpOffer>("/api/totp/offer", "POST", {});
export const confirmTotp = (secret: string, code: string) => json<Account>("/api/totp", "POST", { secret, code });

export const listAccounts = () => json<Account[]>("/api/accounts", "GET");
export const createAccount = (input: AccountInput) => json<CreatedAccount>("/api/accounts", "POST", input);
export const setAccountDisabled = (id: string, disabled: boolean) =>
  json<Account>(`/api/accounts/${id}/disabled`, "POST", { disabled });
export const resetTotp = (id: string) => json<Account>(`/api/accounts/${id}/totp-reset`, "POST", {});
export const resetPassword = (id: string) => json<CreatedAccount>(`/api/accounts/${id}/password-reset`, "POST", {});

// Invitations: a coordinator sends one to an account's owner, who opens its
// link (or types its code on the sign-in page), chooses a password and is in.
export const inviteAccount = (id: string) => json<Invitation>(`/api/accounts/${id}/invitation`, "POST", {});
export const viewInvitation = (code: string) => json<InvitationView>("/api/invitations/view", "POST", { code });
export async function acceptInvitation(code: string, password: string): Promise<SessionView> {
  last = await json<SessionView>("/api/invitations/accept", "POST", { code, password });
  return last;
}

/** The address an invitation's link opens: the server's page, holding the code. */
export function invitationLink(code: string): string {
  return `${window.location.origin}/#invite=${encodeURIComponent(code)}`;
}

/** The code in the page's address, when it was opened from an invitation's link. */
export function codeInAddress(): string | null {
  const m = /^#invite=(.+)$/.exec(window.location.hash);
  return m ? decodeURIComponent(m[1] ?? "") : null;
}
