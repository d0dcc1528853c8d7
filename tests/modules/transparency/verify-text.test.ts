import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LANGUAGES } from "~/lib/i18n/languages";
import { FAILURE_KEYS, PROGRESS_KEYS, RECEIPT_PROBLEM_KEYS, REMOVAL_REASON_KEYS } from "~/modules/transparency/verify-text";

type Tree = { [key: string]: string | Tree };
const locale = (lng: string): Tree => JSON.parse(readFileSync(`locales/${lng}/transparency.json`, "utf8")) as Tree;

/** The text of `ns:key` (or its plural `_other` form), or undefined. */
function textOf(tree: Tree, namespacedKey: string): string | undefined {
  const [ns, key] = namespacedKey.split(":") as [string, string];
  expect(ns).toBe("transparency");
  const parts = key.split(".");
  const last = parts.pop()!;
  let node: Tree | string | undefined = tree;
  for (const part of parts) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "object") return undefined;
  const value = node[last] ?? node[`${last}_other`];
  return typeof value === "string" ? value : undefined;
}

/** The members of a string-literal union type, read from the source that declares it. */
function unionMembers(file: string, type: string): string[] {
  const source = readFileSync(file, "utf8");
  const declaration = new RegExp(`export type ${type} =([^;]+);`, "u").exec(source)?.[1];
  expect(declaration, `${type} in ${file}`).toBeDefined();
  return [...declaration!.matchAll(/"([a-z_]+)"/gu)].map((match) => match[1]!);
}

const ALL = { ...FAILURE_KEYS, ...RECEIPT_PROBLEM_KEYS, ...REMOVAL_REASON_KEYS, ...PROGRESS_KEYS };

describe("what the verify page says for each outcome", () => {
  it("has a message for every failure code of the verifier and every problem of a receipt", () => {
    expect(Object.keys(FAILURE_KEYS).sort()).toEqual(unionMembers("app/modules/transparency/verify.ts", "VerifyFailureCode").sort());
    expect(Object.keys(RECEIPT_PROBLEM_KEYS).sort()).toEqual(unionMembers("app/modules/transparency/receipt.ts", "ReceiptProblem").sort());
    expect(Object.keys(REMOVAL_REASON_KEYS).sort()).toEqual(["invalidated:duplicate", "invalidated:moderation", "invalidated:trending-review", "withdrawn"]);
  });

  it("gives each a distinct message", () => {
    const keys = Object.values(ALL);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(SUPPORTED_LANGUAGES)("has every message in %s, written in that language", (lng) => {
    const texts = locale(lng);
    const english = locale("en");
    for (const key of Object.values(ALL)) {
      const text = textOf(texts, key);
      expect(text, `${lng} ${key}`).toBeTruthy();
      if (lng !== "en") expect(text, `${lng} ${key} is the English text`).not.toBe(textOf(english, key));
    }
  });
});
