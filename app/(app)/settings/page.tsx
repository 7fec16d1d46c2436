import type { Metadata } from "next";
import { timeZoneNames } from "@/lib/time/zone-names";
import { pageViewer } from "@/app/_lib/page-auth";
import { formatInstant } from "@/app/_lib/format";
import { getCalendarFeed } from "@/lib/data/calendar";
import { getDigestSettings } from "@/lib/data/digests";
import { getWorkingCalendarSettings } from "@/lib/data/working-calendar";
import { CalendarFeedSettings } from "./calendar-settings";
import { DeleteAccountForm } from "./delete-account";
import { DigestSettings } from "./digest-settings";
import { PasswordForm, ProfileForm, SignOutEverywhereForm } from "./settings-forms";
import { WorkingCalendarSettings } from "./working-calendar-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await pageViewer();
  const [feed, digests, calendar] = await Promise.all([getCalendarFeed(), getDigestSettings(), getWorkingCalendarSettings()]);
  const zones = timeZoneNames();
  const feedSince = feed.createdAt ? formatInstant(feed.createdAt, viewer.timeZone, { time: true }) : null;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">Settings</h1>
      <p className="text-sm text-slate-700">Signed in as {viewer.email}.</p>
      <section className="card">
        <ProfileForm name={viewer.name} timeZone={viewer.timeZone} zones={zones} />
      </section>
      <section className="card">
        <WorkingCalendarSettings
          workdays={calendar.workdays}
          holidayRegion={calendar.holidayRegion}
          regions={calendar.regions.map(({ code, label }) => ({ code, label }))}
          zoneCountries={calendar.zoneCountries}
        />
      </section>
      <section className="card">
        <PasswordForm />
      </section>
      <section className="card">
        <SignOutEverywhereForm />
      </section>
      <section className="card" aria-labelledby="calendar-heading">
        <CalendarFeedSettings active={feed.active} since={feedSince} />
      </section>
      <section className="card">
        <DigestSettings {...digests} />
      </section>
      <section className="card border-red-200" aria-labelledby="delete-heading">
        <DeleteAccountForm />
      </section>
    </div>
  );
}
