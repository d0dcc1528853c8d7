/** How the organizers' pages order the followers of each country (pure: no I/O). */

export type FollowerSort = "followers" | "name";

export interface CountryFollowers {
  code3: string;
  name: string;
  followers: number;
}

/** `?sort=name` sorts by the country's name; anything else, most followed first. */
export function followerSortOf(value: string | null): FollowerSort {
  return value === "name" ? "name" : "followers";
}

/** Most followed first (ties by name), or by name in the page's language. */
export function sortCountryFollowers<T extends CountryFollowers>(rows: readonly T[], sort: FollowerSort, lng: string): T[] {
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, lng);
  return [...rows].sort(sort === "name" ? byName : (a, b) => b.followers - a.followers || byName(a, b));
}

/** The total of confirmed follows and the `top` most followed countries. */
export function followerSummary<T extends CountryFollowers>(rows: readonly T[], lng: string, top: number): { total: number; top: T[] } {
  return { total: rows.reduce((sum, r) => sum + r.followers, 0), top: sortCountryFollowers(rows, "followers", lng).slice(0, top) };
}
