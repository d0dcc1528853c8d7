import { describe, expect, it } from "vitest";
import { findLocaleProblems, flattenKeys, keysUsedInCode } from "../../scripts/i18n-rules";

describe("the i18n check", () => {
  const en = { common: { title: "Hi", count_one: "{{count}} item", count_other: "{{count}} items", nested: { a: "A" } } };

  it("flattens nested keys", () => {
    expect(flattenKeys(en.common)).toEqual(["title", "count_one", "count_other", "nested.a"]);
  });

  it("passes when every language has every key in the plural forms it needs", () => {
    const ru = { common: { title: "Привет", count_one: "a", count_few: "b", count_many: "c", count_other: "d", nested: { a: "А" } } };
    const zh = { common: { title: "你好", count_other: "{{count}} 项", nested: { a: "甲" } } };
    expect(findLocaleProblems({ en, ru, zh }, [])).toEqual([]);
  });

  it("reports missing keys, missing plural forms and extra keys", () => {
    const fr = { common: { title: "Salut", count_one: "x", count_other: "y", extra: "z" } };
    expect(findLocaleProblems({ en, fr }, [])).toEqual([
      "fr: common:count_many is missing",
      "fr: common:nested.a is missing",
      "fr: common:extra is not in en",
    ]);
  });

  it("reports keys used in code that English lacks, in the file's namespace", () => {
    const source = { path: "a.tsx", text: 'const { t } = useTranslation("common");\nt("title"); t("missing.key"); t("other:x")' };
    expect(keysUsedInCode(source.text).map((k) => `${k.namespace}:${k.key}`)).toEqual(["common:title", "common:missing.key", "other:x"]);
    expect(findLocaleProblems({ en }, [source])).toEqual(['a.tsx: "common:missing.key" is not in en', 'a.tsx: "other:x" is not in en']);
  });
});
