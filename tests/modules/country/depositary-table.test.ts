import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDepositaryDate, splitNameFootnotes } from "~/modules/country/depositary-cells";
import { matchDepositaryName } from "~/modules/country/depositary-names";
import { detectDepositaryFormat, parseDepositaryTable, type DepositaryParticipant } from "~/modules/country/depositary-table";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/depositary/${name}`, import.meta.url), "utf8");
const HEADER = "Participant\tSignature\tRatification, Acceptance(A), Approval(AA), Accession(a), Succession(d), Formal confirmation(c)";

function participantsOf(input: string): DepositaryParticipant[] {
  const result = parseDepositaryTable(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.participants;
}

const withoutLines = (participants: readonly DepositaryParticipant[]) => participants.map(({ line: _line, ...rest }) => rest);

describe("parseDepositaryDate", () => {
  it.each([
    ["25 Oct 2025", { date: "2025-10-25", marker: null, footnotes: [] }],
    ["9 Jan 2026", { date: "2026-01-09", marker: null, footnotes: [] }],
    ["12 Feb 2026 AA", { date: "2026-02-12", marker: "AA", footnotes: [] }],
    ["2 Mar 2026 A", { date: "2026-03-02", marker: "A", footnotes: [] }],
    ["3 Mar 2026 a", { date: "2026-03-03", marker: "a", footnotes: [] }],
    ["15 Jan 2026 d", { date: "2026-01-15", marker: "d", footnotes: [] }],
    ["9 Jan 2026 c", { date: "2026-01-09", marker: "c", footnotes: [] }],
    ["3 Mar 2026 a 5", { date: "2026-03-03", marker: "a", footnotes: ["5"] }],
    ["3 Mar 2026 5 a", { date: "2026-03-03", marker: "a", footnotes: ["5"] }],
    ["3 Mar 2026 (a)", { date: "2026-03-03", marker: "a", footnotes: [] }],
    ["5 Feb 20264", { date: "2026-02-05", marker: null, footnotes: ["4"] }],
    ["5 Feb 2026 4,7", { date: "2026-02-05", marker: null, footnotes: ["4", "7"] }],
    ["29 Feb 2028", { date: "2028-02-29", marker: null, footnotes: [] }],
    ["1 September 2026", { date: "2026-09-01", marker: null, footnotes: [] }],
    ["\u00a025\u00a0Oct\u00a02025 ", { date: "2025-10-25", marker: null, footnotes: [] }],
  ])("reads %j", (raw, expected) => {
    expect(parseDepositaryDate(raw)).toEqual(expected);
  });
  it.each(["", "2025-10-25", "25/10/2025", "Oct 25 2025", "31 Feb 2026", "29 Feb 2027", "25 Okt 2025", "25 Oct 2025 AAA", "25 Oct 2025 a A", "25 Oct 2025 x", "signed"])("refuses %j", (raw) => {
    expect(parseDepositaryDate(raw)).toBeNull();
  });
});

describe("splitNameFootnotes", () => {
  it.each([
    ["Azerbaijan1", "Azerbaijan", ["1"]],
    ["Azerbaijan 1", "Azerbaijan", ["1"]],
    ["Russian Federation 2,3", "Russian Federation", ["2", "3"]],
    ["Russian Federation2, 3", "Russian Federation", ["2", "3"]],
    ["Iran (Islamic Republic of) 4", "Iran (Islamic Republic of)", ["4"]],
    ["  Viet Nam ", "Viet Nam", []],
  ])("%j → %j %j", (raw, name, footnotes) => {
    expect(splitNameFootnotes(raw)).toEqual({ name, footnotes });
  });
});

describe("matchDepositaryName", () => {
  it.each([
    ["Türkiye", "TUR"],
    ["Viet Nam", "VNM"],
    ["Iran (Islamic Republic of)", "IRN"],
    ["State of Palestine", "PSE"],
    ["European Union", "EUU"],
    ["Bolivia (Plurinational State of)", "BOL"],
    ["Venezuela (Bolivarian Republic of)", "VEN"],
    ["Democratic Republic of the Congo", "COD"],
    ["Congo", "COG"],
    ["Republic of Korea", "KOR"],
    ["Democratic People's Republic of Korea", "PRK"],
    ["Côte d'Ivoire", "CIV"],
    ["Cote d\u2019Ivoire", "CIV"],
    ["United Kingdom of Great Britain and Northern Ireland", "GBR"],
    ["Lao People's Democratic Republic", "LAO"],
    ["Micronesia (Federated States of)", "FSM"],
    ["Holy See", "VAT"],
    ["Cabo Verde", "CPV"],
    ["Netherlands (Kingdom of the)", "NLD"],
    ["RUSSIAN FEDERATION", "RUS"],
    ["turkiye", "TUR"],
  ])("%s → %s", (name, code3) => {
    expect(matchDepositaryName(name)).toBe(code3);
  });
  it.each(["Duchy of Grand Fenwick", "Korea", "Republic of Nowhere", ""])("does not guess %j", (name) => {
    expect(matchDepositaryName(name)).toBeNull();
  });
});

describe("detectDepositaryFormat", () => {
  it("tells the three forms apart", () => {
    expect(detectDepositaryFormat(fixture("participants.txt"))).toBe("text");
    expect(detectDepositaryFormat(fixture("participants.html"))).toBe("html");
    expect(detectDepositaryFormat(fixture("participants.csv"))).toBe("csv");
    expect(detectDepositaryFormat("Participant    Signature    Ratification, Accession(a)\n")).toBe("text");
  });
});

describe("parseDepositaryTable", () => {
  const text = participantsOf(fixture("participants.txt"));

  it("reads every row of the copied text, each with its line", () => {
    expect(text).toHaveLength(20);
    expect(text[0]).toEqual({
      line: 4,
      name: "Azerbaijan",
      nameFootnotes: ["1"],
      code3: "AZE",
      signature: { date: "2025-10-25", footnotes: [] },
      consent: { kind: "approval", date: "2026-02-12", footnotes: [] },
    });
  });

  it("reads the HTML and the CSV of the same table to the same participants", () => {
    expect(withoutLines(participantsOf(fixture("participants.html")))).toEqual(withoutLines(text));
    expect(withoutLines(participantsOf(fixture("participants.csv")))).toEqual(withoutLines(text));
    expect(participantsOf(fixture("participants.html"))[0]!.line).toBe(10);
    expect(participantsOf(fixture("participants.csv"))[0]!.line).toBe(2);
  });

  it("maps each marker to its kind of consent, and no marker to a ratification", () => {
    const kinds = Object.fromEntries(text.filter((p) => p.consent).map((p) => [p.code3, p.consent!.kind]));
    expect(kinds).toEqual({
      AZE: "approval",
      EUU: "formal_confirmation",
      VAT: "accession",
      FSM: "accession",
      MNE: "succession",
      NOR: "acceptance",
      PSE: "ratification",
      VNM: "ratification",
    });
  });

  it("keeps footnotes apart from names and dates", () => {
    const byCode = new Map(text.map((p) => [p.code3, p]));
    expect(byCode.get("RUS")).toMatchObject({ name: "Russian Federation", nameFootnotes: ["2", "3"] });
    expect(byCode.get("PSE")!.consent).toEqual({ kind: "ratification", date: "2026-02-05", footnotes: ["4"] });
    expect(byCode.get("VAT")!.consent).toEqual({ kind: "accession", date: "2026-03-03", footnotes: ["5"] });
    expect(byCode.get("GBR")!.signature).toEqual({ date: "2025-10-25", footnotes: ["6"] });
  });

  it("matches the depositary's names and keeps an unknown one with its row", () => {
    expect(text.map((p) => p.code3)).toEqual([
      "AZE", "BOL", "COG", "CIV", "COD", null, "EUU", "VAT", "IRN", "LAO",
      "FSM", "MNE", "NOR", "KOR", "RUS", "PSE", "TUR", "GBR", "VEN", "VNM",
    ]);
    expect(text[5]).toMatchObject({ line: 9, name: "Duchy of Grand Fenwick", code3: null });
  });

  it("reads text whose columns are separated by spaces, an empty column closed up", () => {
    const spaced = [
      "Participant                 Signature      Ratification, Acceptance(A), Approval(AA), Accession(a)",
      "Azerbaijan 1                25 Oct 2025    12 Feb 2026 AA",
      "Holy See                                   3 Mar 2026 a",
      "Viet Nam                    25 Oct 2025",
      "Norway                      25 Oct 2025    2 Mar 2026 A",
    ].join("\n");
    expect(participantsOf(spaced).map((p) => [p.code3, p.signature?.date ?? null, p.consent?.kind ?? null])).toEqual([
      ["AZE", "2025-10-25", "approval"],
      ["VAT", null, "accession"],
      ["VNM", "2025-10-25", null],
      ["NOR", "2025-10-25", "acceptance"],
    ]);
  });

  it("reads CRLF line ends, a byte order mark and a shorter heading of the consent column", () => {
    const csv = "\ufeffParticipant,Signature,\"Ratification, Accession(a)\"\r\nNorway,25 Oct 2025,\r\n";
    expect(participantsOf(csv)).toMatchObject([{ line: 2, code3: "NOR" }]);
  });
});

describe("parseDepositaryTable refuses malformed input, naming the line", () => {
  it.each([
    ["", "text"],
    ["Norway\t25 Oct 2025\t", "text"],
    ["<p>No table here</p>", "html"],
    ["<table><tr><td>Norway</td><td>25 Oct 2025</td></tr></table>", "html"],
    ["Name,Date\nNorway,25 Oct 2025\n", "csv"],
  ])("without a header: %j", (input, format) => {
    expect(parseDepositaryTable(input)).toEqual({ ok: false, format, errors: [{ line: 1, problem: "no_header" }] });
  });

  it("with a header and no row: an empty table", () => {
    expect(parseDepositaryTable(`Status\n${HEADER}\n\n`)).toEqual({ ok: false, format: "text", errors: [{ line: 2, problem: "empty_table" }] });
    expect(parseDepositaryTable(`<table><tr><th>Participant</th><th>Signature</th><th>Ratification</th></tr></table>`)).toMatchObject({
      ok: false,
      errors: [{ line: 1, problem: "empty_table" }],
    });
  });

  it("every bad row at once, and no participant", () => {
    const input = [
      HEADER,
      "Norway\t25 Oct 2025\t",
      "Viet Nam\t25 Oct 2025\tsoon",
      "Türkiye\t31 Feb 2025\t",
      "Norway 3\t\t2 Mar 2026 A",
      "Azerbaijan\t25 Oct 2025 a\t",
      "Chile",
      "\t25 Oct 2025\t",
      "Peru\t25 Oct 2025\t\tsee note",
    ].join("\n");
    expect(parseDepositaryTable(input)).toEqual({
      ok: false,
      format: "text",
      errors: [
        { line: 3, problem: "not_a_date", column: "consent", text: "soon" },
        { line: 4, problem: "not_a_date", column: "signature", text: "31 Feb 2025" },
        { line: 5, problem: "duplicate_participant", column: "participant", text: "Norway", firstLine: 2 },
        { line: 6, problem: "marker_in_signature", column: "signature", text: "25 Oct 2025 a" },
        { line: 7, problem: "no_date", column: "participant", text: "Chile" },
        { line: 8, problem: "no_name" },
        { line: 9, problem: "too_many_cells", text: "Peru | 25 Oct 2025 |  | see note" },
      ],
    });
  });

  it("a duplicate under another spelling of the same country", () => {
    const result = parseDepositaryTable(`${HEADER}\nViet Nam\t25 Oct 2025\t\nVietnam\t25 Oct 2025\t\n`);
    expect(result).toMatchObject({ ok: false, errors: [{ line: 3, problem: "duplicate_participant", firstLine: 2 }] });
  });

  it("a duplicate unknown name", () => {
    const result = parseDepositaryTable(`${HEADER}\nAtlantis\t25 Oct 2025\t\nATLANTIS 2\t25 Oct 2025\t\n`);
    expect(result).toMatchObject({ ok: false, errors: [{ line: 3, problem: "duplicate_participant", text: "ATLANTIS", firstLine: 2 }] });
  });

  it("a bad date in HTML and in CSV, by the line of its row", () => {
    const html = `<table>\n<tr><th>Participant</th><th>Signature</th><th>Ratification</th></tr>\n<tr><td>Norway</td><td>25 Oct 2025</td><td>2 Mars 2026</td></tr>\n</table>`;
    expect(parseDepositaryTable(html)).toMatchObject({ ok: false, errors: [{ line: 3, problem: "not_a_date", column: "consent", text: "2 Mars 2026" }] });
    const csv = `Participant,Signature,Ratification\nNorway,25 Oct 2025,\nChile,2025-10-25,\n`;
    expect(parseDepositaryTable(csv)).toMatchObject({ ok: false, format: "csv", errors: [{ line: 3, problem: "not_a_date", column: "signature" }] });
  });

  it("CSV that does not parse", () => {
    const result = parseDepositaryTable(`Participant,Signature,Ratification\nNorway,"25 Oct 2025,\n`, "csv");
    expect(result).toMatchObject({ ok: false, errors: [{ problem: "malformed_csv" }] });
  });

  it("space-separated cells that line up under no column", () => {
    const input = "Participant        Signature      Ratification\nNorway  25 Oct 2025\n";
    expect(parseDepositaryTable(input)).toMatchObject({ ok: false, errors: [{ line: 2, problem: "cells_misaligned" }] });
  });
});
