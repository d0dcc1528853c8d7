import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const serverOnlyImports = {
  patterns: [
    {
      group: ["**/*.server", "**/*.server.*", "node:*", "../../db/client", "../../db/seed"],
      message: "Browser code must not import server-only modules: move the call into a loader/action or a *.server.ts file.",
    },
  ],
};

export default tseslint.config(
  { ignores: ["build/", "public/build/", ".cache/", ".data/", "node_modules/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    // Code that reaches the browser bundle: components, client entry and pure domain rules.
    files: ["app/components/**", "app/entry.client.tsx", "app/modules/**/!(*.server).ts", "app/lib/i18n/!(*.server).ts"],
    rules: { "no-restricted-imports": ["error", serverOnlyImports] },
  },
);
