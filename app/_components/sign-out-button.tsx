import { signOutAction } from "@/app/_lib/sign-out-action";

/** A server action form, not next-auth's client (10 KB of JavaScript on every page for one click). */
export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="btn-secondary">
        Sign out
      </button>
    </form>
  );
}
