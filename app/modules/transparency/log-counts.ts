/**
 * The counts a log implies, and the rules a removal must follow: it names an earlier `add`, not yet
 * removed, with the same commitment and country. Additions minus removals, in total and by country.
 * Kept compact (typed arrays) so a browser can replay a log of a million entries.
 */
import { fromHex } from "./bytes";
import type { LogEntry } from "./log-entry";

/** Countries with at least one counted signature, sorted by code. */
export type LogCounts = { total: number; byCountry: Record<string, number> };

export type RemovalProblem = "removes_later_entry" | "removes_a_removal" | "already_removed" | "commitment_mismatch" | "country_mismatch";

const ADD = 1;
const REMOVED = 2;
const REMOVAL = 3;

export class LogTally {
  private size = 0;
  private states = new Uint8Array(1024);
  private countryOf = new Uint16Array(1024);
  private commitments = new Uint8Array(1024 * 32);
  private readonly countryIds = new Map<string, number>();
  private readonly countryCodes: string[] = [];
  private perCountry: number[] = [];
  private totalCount = 0;

  get entries(): number {
    return this.size;
  }

  /** Applies the next entry; on a broken rule nothing changes and the problem is returned. */
  apply(entry: LogEntry): RemovalProblem | null {
    const index = this.size;
    let countryId = this.countryIds.get(entry.country);
    if (entry.kind === "remove") {
      const target = entry.removes;
      if (!(target < index)) return "removes_later_entry";
      const state = this.states[target];
      if (state === REMOVAL) return "removes_a_removal";
      if (state === REMOVED) return "already_removed";
      if (!this.commitmentAt(target, entry.commitment)) return "commitment_mismatch";
      if (countryId === undefined || this.countryOf[target] !== countryId) return "country_mismatch";
    }
    if (countryId === undefined) {
      countryId = this.countryCodes.length;
      this.countryCodes.push(entry.country);
      this.countryIds.set(entry.country, countryId);
      this.perCountry.push(0);
    }
    this.grow(index + 1);
    this.countryOf[index] = countryId;
    this.commitments.set(fromHex(entry.commitment, 32)!, index * 32);
    if (entry.kind === "add") {
      this.states[index] = ADD;
      this.perCountry[countryId]! += 1;
      this.totalCount += 1;
    } else {
      this.states[index] = REMOVAL;
      this.states[entry.removes] = REMOVED;
      this.perCountry[countryId]! -= 1;
      this.totalCount -= 1;
    }
    this.size = index + 1;
    return null;
  }

  counts(): LogCounts {
    const byCountry: Record<string, number> = {};
    const order = this.countryCodes.map((code, id) => [code, this.perCountry[id]!] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [code, count] of order) if (count > 0) byCountry[code] = count;
    return { total: this.totalCount, byCountry };
  }

  private commitmentAt(index: number, commitment: string): boolean {
    const expected = fromHex(commitment, 32);
    if (expected === null) return false;
    const stored = this.commitments.subarray(index * 32, index * 32 + 32);
    return expected.every((byte, i) => stored[i] === byte);
  }

  private grow(needed: number): void {
    if (needed <= this.states.length) return;
    const capacity = Math.max(needed, this.states.length * 2);
    const states = new Uint8Array(capacity);
    states.set(this.states);
    this.states = states;
    const countries = new Uint16Array(capacity);
    countries.set(this.countryOf);
    this.countryOf = countries;
    const commitments = new Uint8Array(capacity * 32);
    commitments.set(this.commitments);
    this.commitments = commitments;
  }
}

/** The counts of a whole list of entries, or the first broken rule and where. */
export function countsOf(entries: readonly LogEntry[]): { ok: true; counts: LogCounts } | { ok: false; index: number; problem: RemovalProblem } {
  const tally = new LogTally();
  for (const [index, entry] of entries.entries()) {
    const problem = tally.apply(entry);
    if (problem !== null) return { ok: false, index, problem };
  }
  return { ok: true, counts: tally.counts() };
}

export function sameCounts(a: LogCounts, b: LogCounts): boolean {
  const aKeys = Object.keys(a.byCountry);
  const bKeys = Object.keys(b.byCountry);
  return a.total === b.total && aKeys.length === bKeys.length && aKeys.every((key, i) => key === bKeys[i] && a.byCountry[key] === b.byCountry[key]);
}
