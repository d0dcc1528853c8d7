import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkImport, layerOf, moduleCycles } from "../../scripts/boundaries";
import { findViolations } from "../../scripts/check-boundaries";

const rules = (file: string, specifier: string) => checkImport(file, specifier).map((v) => v.rule);

describe("checkImport", () => {
  it("lets each layer import itself and the layers below it", () => {
    expect(rules("app/routes/$lng.tsx", "~/web/sign-route.server")).toEqual([]);
    expect(rules("app/web/sign-route.server.ts", "../modules/petition/signing.service.server")).toEqual([]);
    expect(rules("app/modules/petition/x.ts", "../../lib/i18n/languages")).toEqual([]);
    expect(rules("app/lib/context.ts", "../../db/schema")).toEqual([]);
    expect(rules("server/start.ts", "../app/modules/mail/mail-worker.server")).toEqual([]);
    expect(rules("cli/seed.ts", "../server/demo-content")).toEqual([]);
    expect(rules("emails/layout.ts", "../app/lib/i18n/languages")).toEqual([]);
  });

  it("refuses an import up the layers", () => {
    expect(rules("app/lib/context.ts", "../modules/surge/surge")).toEqual(["layer"]);
    expect(rules("app/lib/context.ts", "~/modules/surge/surge")).toEqual(["layer"]);
    expect(rules("db/seed.ts", "../app/modules/letter/x")).toEqual(["layer"]);
    expect(rules("emails/letter-mails.ts", "../app/modules/letter/letter-links.server")).toEqual(["layer"]);
    expect(rules("app/modules/petition/x.ts", "~/web/preview.server")).toEqual(["layer"]);
    expect(rules("app/components/Bar.tsx", "~/root")).toEqual(["layer"]);
    expect(rules("server/app.ts", "../cli/seed")).toEqual(["layer"]);
    expect(rules("app/modules/petition/x.ts", "../../../tests/support/database")).toEqual(["layer"]);
  });

  it("keeps the module order and HTTP out of modules", () => {
    expect(rules("app/modules/letter/x.ts", "../petition/signature-status")).toEqual([]);
    expect(rules("app/modules/letter/x.ts", "../audit/audit.repo.server")).toEqual([]);
    expect(rules("app/modules/country/x.ts", "../letter/letter.repo.server")).toEqual(["module-order"]);
    expect(rules("app/modules/letter/x.ts", "../organizer/roles")).toEqual(["module-order"]);
    expect(rules("app/modules/letter/x.ts", "../newthing/y")).toEqual(["unknown-module"]);
    expect(rules("app/modules/petition/x.server.ts", "@remix-run/node")).toEqual(["remix-in-module"]);
    expect(rules("app/web/x.server.ts", "@remix-run/node")).toEqual([]);
  });

  it("leaves packages, tests and scripts alone", () => {
    expect(rules("app/lib/x.ts", "kysely")).toEqual([]);
    expect(rules("tests/server/app.test.ts", "../../cli/seed")).toEqual([]);
    expect(layerOf("scripts/check-boundaries.ts")).toBe("free");
    expect(layerOf("app/root.tsx")).toBe("routes");
    expect(layerOf("README.md")).toBeNull();
  });
});

describe("moduleCycles", () => {
  it("finds each cycle once, from its lowest module", () => {
    expect(moduleCycles([["country", "letter"], ["letter", "country"], ["letter", "petition"]])).toEqual([["country", "letter"]]);
    expect(moduleCycles([["mail", "petition"], ["petition", "privacy"], ["privacy", "mail"]])).toEqual([["mail", "petition", "privacy"]]);
    expect(moduleCycles([["letter", "petition"], ["petition", "audit"]])).toEqual([]);
  });
});

describe("findViolations", () => {
  const root = mkdtempSync(join(tmpdir(), "boundaries-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  it("reports an upward import and a cycle between modules with file and line", () => {
    write("db/schema.ts", "export type Database = {};\n");
    write("app/lib/context.ts", 'import type { Database } from "../../db/schema";\nimport { tuning } from "../modules/surge/surge";\n');
    write("app/modules/surge/surge.ts", "export const tuning = 1;\n");
    write("app/modules/country/country.ts", 'import { letters } from "../letter/letters";\nexport const country = letters;\n');
    write("app/modules/letter/letters.ts", 'export { country } from "../country/country";\nexport const letters = 2;\n');
    write("app/routes/$lng.tsx", 'import { country } from "~/modules/country/country";\nimport { json } from "@remix-run/node";\n');
    write("tests/anything.test.ts", 'import "../cli/x";\n');
    const findings = findViolations(root, []);
    expect(findings).toEqual([
      { file: "app/lib/context.ts", line: 2, message: expect.stringContaining("lib imports modules") },
      { file: "app/modules/country/country.ts", line: 1, message: expect.stringContaining("module country imports letter") },
      { file: "app/modules/country/country.ts", line: 1, message: "modules import each other in a cycle: country → letter → country" },
    ]);
  });

  it("finds nothing in this repository", () => {
    const repository = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
    expect(findViolations(repository)).toEqual([]);
  });
});
