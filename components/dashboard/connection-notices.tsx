import { LocalDate } from "@/components/locale/local-date";
import { SignInButton } from "@/components/sign-in-button";
import type { MoveState } from "@/lib/connections/move";

/**
 * What the dashboard says about the person's connection itself (issue 9 §1, issue 10 §1): the
 * legacy API is gone and the connection should move, a move that could not join the history, a
 * move that did, and "Ask again" that came back with a different account than the signed-in one.
 */
export function ConnectionNotices({
  move,
  outcome,
  providerName,
}: {
  move: MoveState;
  /** From the URL after a sign-in: `move=mismatch|no_legacy`, `moved=1`, `signin=other_account`. */
  outcome: { move?: string; moved?: string; signin?: string };
  /** The provider the refused "Ask again" was about, in words. */
  providerName: string | null;
}) {
  const successor = move.state === "none" ? null : move.successor;
  const legacy = move.state === "none" ? null : move.legacy;
  return (
    <>
      {outcome.signin === "other_account" ? (
        <div role="alert" className="notice notice-warn" data-testid="other-account">
          <p>
            {providerName ?? "The provider"} signed you in as a different account than the one you use in Nightly, so nothing
            changed: your data and your connection are as they were. To allow more data, ask again and choose the same
            account. To use the other account instead, sign out of Nightly first.
          </p>
        </div>
      ) : null}
      {outcome.move === "mismatch" || outcome.move === "no_legacy" ? (
        <div role="alert" className="notice notice-bad stack" data-testid="move-refused">
          <p>
            {outcome.move === "mismatch"
              ? `That ${successor?.name ?? "Google"} account belongs to a different ${legacy ?? "Fitbit"} account than the one your history here comes from, so nothing was joined and nothing was changed.`
              : `That ${successor?.name ?? "Google"} account has no ${legacy ?? "Fitbit"} account linked to it, so Nightly cannot tell that it is you; nothing was joined and nothing was changed.`}
          </p>
          <p>
            Choose the {successor?.name ?? "Google"} account your {legacy ?? "Fitbit"} account was moved to (in the {legacy ?? "Fitbit"}{" "}
            app: Settings → your account). If you have not moved it yet, do that first, then try again.
          </p>
          {successor ? <SignInButton label="Try again" provider={successor.id} providerName={successor.name} callbackUrl="/dashboard?moved=1" variant="secondary" /> : null}
        </div>
      ) : null}
      {move.state === "waiting" && !outcome.move ? (
        <div className="notice notice-warn stack" data-testid="update-connection">
          <h2>Update your connection</h2>
          {move.notifiedAt ? (
            <p data-testid="asked-again">
              <strong>We asked you again on <LocalDate date={move.notifiedAt.toISOString().slice(0, 10)} />.</strong>
            </p>
          ) : null}
          <p>
            {move.legacy} has switched off the connection Nightly used. Your history is safe and stays here. Sign in with{" "}
            {move.successor.name}, where {move.legacy} accounts live now, and your nights continue with no gap.
          </p>
          <SignInButton label={`Update your connection with ${move.successor.name}`} provider={move.successor.id} providerName={move.successor.name} callbackUrl="/dashboard?moved=1" />
        </div>
      ) : null}
      {move.state === "moved" && outcome.moved ? (
        <p role="status" className="notice notice-info" data-testid="moved">
          Your connection now uses {move.successor.name}. Your history from {move.legacy} is kept, and new nights arrive through{" "}
          {move.successor.name}.
        </p>
      ) : null}
    </>
  );
}
