import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VARIABLES, type VariableName } from "~/lib/config.server";

/**
 * README.md's "Environment" table, row by row: `| \`NAME\` / \`OTHER\` | meaning | default / default |`.
 * A row may name several variables; its default then lists one per variable.
 */
function readmeTable(): { name: string; default: string }[] {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("## Environment"), readme.indexOf("\n## ", readme.indexOf("## Environment") + 1));
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => {
      const [names, , defaults] = line.split(" | ").map((cell) => cell.replace(/^\| /u, "").replace(/ \|$/u, "").trim());
      const each = names!.split(" / ").map((name) => name.replaceAll("`", ""));
      const values = defaults!.split(" / ");
      return each.map((name, i) => ({ name, default: (each.length === values.length ? values[i] : defaults)!.trim() }));
    });
}

/** A default written simply: a number, or one literal in backticks without a `$` (not derived from another variable). */
const simpleDefault = (text: string): string | null => {
  if (/^\d+(\.\d+)?$/u.test(text)) return text;
  const literal = /^`([^`$]+)`$/u.exec(text);
  return literal ? literal[1]! : null;
};

describe("README.md's table of environment variables", () => {
  const rows = readmeTable();

  it("lists exactly the variables the configuration declares", () => {
    expect(rows.map((row) => row.name).sort()).toEqual(Object.keys(VARIABLES).sort());
  });

  it("states the schema's default wherever it states a simple one", () => {
    let compared = 0;
    for (const row of rows) {
      const stated = simpleDefault(row.default);
      if (stated === null) continue;
      compared++;
      expect(String(VARIABLES[row.name as VariableName].parse(undefined)), row.name).toBe(stated);
    }
    expect(compared).toBeGreaterThan(30);
  });
});
