import Link from "next/link";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-10">
      <header className="mb-6 space-y-6">
        <Link href="/" className="text-2xl font-bold text-brand-700">
          Callback
        </Link>
        <p className="text-slate-700">Know when to follow up on a job application, how, and when to stop.</p>
      </header>
      <main id="main" className="card">
        {children}
      </main>
    </div>
  );
}
