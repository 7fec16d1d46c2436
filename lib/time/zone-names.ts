// Time-zone names as people know them today. Intl (ICU's CLDR data) still lists some places by
// names the IANA database has renamed (Node 20: "Asia/Calcutta", "Europe/Kiev"); both spellings
// work everywhere (Intl, Postgres), so the current one is what we show and store (issue 14).
// Pure: safe in the browser too (the sign-up form maps the browser's own zone).
const CURRENT: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** The current IANA name for a zone ("Asia/Calcutta" → "Asia/Kolkata"); others unchanged. */
export const currentZoneName = (zone: string): string => CURRENT[zone] ?? zone;

/** Every zone this runtime knows, by current name: UTC first, then alphabetical. */
export function timeZoneNames(): string[] {
  const names = new Set(Intl.supportedValuesOf("timeZone").map(currentZoneName));
  names.delete("UTC");
  return ["UTC", ...[...names].sort()];
}

/**
 * What someone typed in the time-zone field, as a zone's current name, or null: an exact name
 * in any letter case, an old name, or a city alone ("kyiv", "Buenos Aires").
 */
export function resolveZone(input: string, names?: readonly string[]): string | null {
  const typed = input.trim().replace(/ +/g, "_");
  if (!typed) return null;
  try {
    return currentZoneName(new Intl.DateTimeFormat("en-US", { timeZone: typed }).resolvedOptions().timeZone);
  } catch {
    const city = typed.toLowerCase();
    const matches = (names ?? timeZoneNames()).filter((n) => n.toLowerCase().split("/").at(-1) === city);
    return matches.length === 1 ? matches[0]! : null;
  }
}
