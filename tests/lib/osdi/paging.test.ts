import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, MAX_PER_PAGE, parseModifiedFilter, parsePageRequest, splitName, totalPages } from "~/lib/osdi/paging";

describe("the modified_date filter", () => {
  it("reads gt, lt and both joined by and", () => {
    expect(parseModifiedFilter("modified_date gt '2026-12-01T10:00:00Z'")).toEqual({ ok: true, value: { after: "2026-12-01T10:00:00Z", before: null } });
    expect(parseModifiedFilter("modified_date lt '2026-12-01'")).toEqual({ ok: true, value: { after: null, before: "2026-12-01T00:00:00Z" } });
    expect(parseModifiedFilter("modified_date gt '2026-12-01T10:00:00.123456Z' and modified_date lt '2026-12-02T00:00:00+02:00'")).toEqual({
      ok: true,
      value: { after: "2026-12-01T10:00:00.123456Z", before: "2026-12-02T00:00:00+02:00" },
    });
    expect(parseModifiedFilter("MODIFIED_DATE GT '2026-12-01 10:00'")).toEqual({ ok: true, value: { after: "2026-12-01T10:00:00Z", before: null } });
    expect(parseModifiedFilter(null)).toEqual({ ok: true, value: { after: null, before: null } });
  });

  it.each([
    "email_address eq 'ann@example.org'",
    "modified_date eq '2026-12-01'",
    "modified_date gt '2026-13-45'",
    "modified_date gt 'yesterday'",
    "modified_date gt '2026-12-01' or modified_date lt '2026-12-02'",
    "modified_date gt '2026-12-01' and modified_date gt '2026-12-02'",
    "modified_date gt '2026-12-01' and modified_date lt '2026-12-02' and modified_date lt '2026-12-03'",
  ])("refuses %s", (filter) => {
    const parsed = parseModifiedFilter(filter);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.field).toBe("filter");
  });
});

describe("pages", () => {
  it("defaults to page 1 of 25, allows up to 1000 a page", () => {
    expect(parsePageRequest(new URLSearchParams(""))).toMatchObject({ ok: true, value: { page: 1, perPage: 25, cursor: null } });
    expect(parsePageRequest(new URLSearchParams(`per_page=${MAX_PER_PAGE}&page=3`))).toMatchObject({ ok: true, value: { page: 3, perPage: 1000 } });
    for (const bad of ["per_page=1001", "per_page=0", "page=0", "page=-1", "page=x", "cursor=nonsense"]) expect(parsePageRequest(new URLSearchParams(bad)).ok, bad).toBe(false);
  });

  it("round-trips a cursor and refuses a forged one", () => {
    const cursor = { modifiedAt: "2026-12-06T07:01:02.123456Z", id: "0b5b8a2e-3f7c-4c7e-9a55-1d2c3b4a5f60", total: 1234 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(Buffer.from(JSON.stringify(["2026-12-06T07:01:02Z", "1", 1])).toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify(["2026-12-06T07:01:02.123456Z", "1; drop table people", 1])).toString("base64url"))).toBeNull();
    expect(totalPages(1001, 1000)).toBe(2);
    expect(totalPages(0, 25)).toBe(0);
  });
});

describe("a name as given and family name", () => {
  it.each([
    ["Ann Lee", { given_name: "Ann", family_name: "Lee" }],
    ["Jean Paul  Sartre ", { given_name: "Jean Paul", family_name: "Sartre" }],
    ["Bo", { given_name: "Bo" }],
    ["王小明", { given_name: "王小明" }],
  ])("%s", (name, expected) => {
    expect(splitName(name)).toEqual(expected);
  });
});
