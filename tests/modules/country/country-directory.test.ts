import { describe, expect, it } from "vitest";
import { applyDirectoryFilters, parseDirectoryFilters, type DirectoryRow } from "~/modules/country/country-directory";

const rows: DirectoryRow[] = [
  { name: "Zimbabwe", region: "Africa", status: "signed", signedOn: null, vote: "yes" },
  { name: "Germany", region: "Europe", status: "not_signed", signedOn: null, vote: "no" },
  { name: "Austria", region: "Europe", status: "signed", signedOn: "2025-10-25", vote: "no" },
  { name: "Mauritius", region: "Africa", status: "signed", signedOn: "2025-11-19", vote: "absent" },
  { name: "Azerbaijan", region: "Asia", status: "party", signedOn: "2025-10-25", vote: "yes" },
  { name: "Chad", region: "Africa", status: "domestic_approval_reported", signedOn: "2025-10-26", vote: "yes" },
];
const names = (list: DirectoryRow[]) => list.map((r) => r.name);
const filters = (query: string) => parseDirectoryFilters(new URLSearchParams(query), ["Africa", "Asia", "Europe"]);

describe("parseDirectoryFilters", () => {
  it("reads known values and ignores the rest", () => {
    expect(filters("region=Europe&status=signed&vote=no&sort=status")).toEqual({ region: "Europe", status: "signed", vote: "no", sort: "status" });
    expect(filters("region=Atlantis&status=maybe&vote=1&sort=%3Cscript%3E")).toEqual({ region: null, status: null, vote: null, sort: "name" });
  });
  it("reads every status of the new vocabulary, and the old `ratified` of shared links as a party", () => {
    for (const status of ["not_signed", "not_joined", "signed", "domestic_approval_reported", "party", "in_force"]) {
      expect(filters(`status=${status}`).status).toBe(status);
    }
    expect(filters("status=ratified").status).toBe("party");
  });
});

describe("applyDirectoryFilters", () => {
  it("sorts by name in the reader's language by default", () => {
    expect(names(applyDirectoryFilters(rows, filters(""), "en"))).toEqual(["Austria", "Azerbaijan", "Chad", "Germany", "Mauritius", "Zimbabwe"]);
  });
  it("filters by region, status and vote together", () => {
    expect(names(applyDirectoryFilters(rows, filters("region=Europe"), "en"))).toEqual(["Austria", "Germany"]);
    expect(names(applyDirectoryFilters(rows, filters("status=ratified"), "en"))).toEqual(["Azerbaijan"]);
    expect(names(applyDirectoryFilters(rows, filters("region=Europe&vote=no&status=signed"), "en"))).toEqual(["Austria"]);
    expect(names(applyDirectoryFilters(rows, filters("vote=yes"), "en"))).toEqual(["Azerbaijan", "Chad", "Zimbabwe"]);
  });
  it("sorts by status, furthest step first", () => {
    expect(names(applyDirectoryFilters(rows, filters("sort=status"), "en"))).toEqual(["Azerbaijan", "Chad", "Austria", "Mauritius", "Zimbabwe", "Germany"]);
  });
  it("sorts by signature date: known dates, then unconfirmed ones, then non-signatories", () => {
    expect(names(applyDirectoryFilters(rows, filters("sort=signed"), "en"))).toEqual(["Austria", "Azerbaijan", "Chad", "Mauritius", "Zimbabwe", "Germany"]);
  });
  it("does not change the list it was given", () => {
    const copy = [...rows];
    applyDirectoryFilters(rows, filters("sort=status"), "en");
    expect(rows).toEqual(copy);
  });
});
