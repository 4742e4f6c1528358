// The choice to send an export encrypted, as the screens hold it, and the
// request the core receives. The core makes and checks every password;
// the UI only carries what was chosen and shows a made password once.
import type { ApiError, Encryption } from "./bindings";

export interface SealChoice {
  on: boolean;
  /** "made": Roundtable makes a password per file; "typed": the coordinator's. */
  how: "made" | "typed";
  password: string;
  confirm: string;
  recipient: string;
}

export function noSealing(): SealChoice {
  return { on: false, how: "made", password: "", confirm: "", recipient: "" };
}

/** The request for the core, or null to export as before. */
export function encryptionOf(choice: SealChoice): Encryption | null {
  if (!choice.on) return null;
  const typed = choice.how === "typed";
  return { password: typed ? choice.password : "", confirm: typed ? choice.confirm : "", recipient: choice.recipient };
}

/** Whether an error belongs to the encryption's own fields. */
export function isSealingError(error: ApiError): boolean {
  return error.fields.some((f) => ["password", "confirm", "recipient", "encryption"].includes(f.field));
}
