export type LocaleTree = { [key: string]: string | LocaleTree };

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** `{ a: { b: "x" } }` → `["a.b"]`. */
export function flattenKeys(tree: LocaleTree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : flattenKeys(value, `${prefix}${key}.`),
  );
}

/** Keys without plural suffixes, each with whether it is plural. */
function baseKeys(keys: string[]): Map<string, boolean> {
  const bases = new Map<string, boolean>();
  for (const key of keys) {
    const plural = PLURAL_SUFFIX.test(key);
    const base = key.replace(PLURAL_SUFFIX, "");
    bases.set(base, (bases.get(base) ?? false) || plural);
  }
  return bases;
}

function requiredForms(lng: string): string[] {
  return new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
}

/** Keys written literally in code: t("ns:key") or t("key") with the namespaces the file names. */
export function keysUsedInCode(text: string, fallbackNamespace = "common"): { namespace: string | undefined; key: string }[] {
  const used: { namespace: string | undefined; key: string }[] = [];
  const defaultNs = /useTranslation\(\s*"([A-Za-z]+)"/.exec(text)?.[1] ?? fallbackNamespace;
  for (const match of text.matchAll(/\bt\(\s*"([A-Za-z0-9_.:]+)"/g)) {
    const raw = match[1]!;
    const [namespace, key] = raw.includes(":") ? (raw.split(":") as [string, string]) : [defaultNs, raw];
    used.push({ namespace, key });
  }
  return used;
}

export function findLocaleProblems(
  locales: Record<string, Record<string, LocaleTree>>,
  sources: { path: string; text: string }[],
  reference = "en",
): string[] {
  const problems: string[] = [];
  const english = locales[reference];
  if (!english) return [`no ${reference} locale`];

  for (const [lng, namespaces] of Object.entries(locales)) {
    if (lng === reference) continue;
    for (const [ns, tree] of Object.entries(english)) {
      const theirs = namespaces[ns];
      if (!theirs) {
        problems.push(`${lng}: namespace ${ns} is missing`);
        continue;
      }
      const theirKeys = new Set(flattenKeys(theirs));
      for (const [base, plural] of baseKeys(flattenKeys(tree))) {
        const needed = plural ? requiredForms(lng).map((form) => `${base}_${form}`) : [base];
        for (const key of needed) if (!theirKeys.has(key)) problems.push(`${lng}: ${ns}:${key} is missing`);
      }
      const englishBases = baseKeys(flattenKeys(tree));
      for (const key of theirKeys) {
        if (!englishBases.has(key.replace(PLURAL_SUFFIX, ""))) problems.push(`${lng}: ${ns}:${key} is not in ${reference}`);
      }
    }
    for (const ns of Object.keys(namespaces)) if (!english[ns]) problems.push(`${lng}: namespace ${ns} is not in ${reference}`);
  }

  for (const { path, text } of sources) {
    // Mail templates translate from the `emails` namespace.
    for (const { namespace, key } of keysUsedInCode(text, path.startsWith("emails/") ? "emails" : "common")) {
      const tree = english[namespace ?? "common"];
      const bases = tree ? baseKeys(flattenKeys(tree)) : new Map();
      // A key used as a prefix of dynamic keys (`status.${x}`) is not written literally; those are skipped by the regex.
      if (!bases.has(key)) problems.push(`${path}: "${namespace ?? "common"}:${key}" is not in ${reference}`);
    }
  }
  return problems;
}
