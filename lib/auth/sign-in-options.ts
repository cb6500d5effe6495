import "server-only";
import { signInProviders } from "@/lib/providers/registry";
import { staffProvider } from "./staff-provider";

/** Participant sign-in choices (Fitbit, Google, … whichever are configured), for buttons. */
export function participantSignInOptions(): { id: string; name: string }[] {
  return signInProviders().map((provider) => ({ id: provider.id, name: provider.name }));
}

export function staffSignInOption(): { id: string; name: string } | null {
  const provider = staffProvider();
  return provider ? { id: provider.id, name: "your organisation's sign-in" } : null;
}
