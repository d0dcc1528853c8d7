import { configFrom, type Config, type VariableName } from "../../app/lib/config.server";

export const TEST_PUBLIC_URL = "https://treaty.example.org";

/**
 * What every test configuration starts from, as environment variables: the
 * app under test links to a public address of its own, signs with a known
 * secret, keeps no page cache (tests change what pages show and look at once;
 * the cache has its own test) and writes no request log.
 */
const TEST_ENVIRONMENT: Partial<Record<VariableName, string>> = {
  SESSION_SECRET: "test-secret",
  PUBLIC_URL: TEST_PUBLIC_URL,
  PORT: "0",
  PAGE_CACHE_MS: "0",
  LOG_REQUESTS: "0",
};

/**
 * A configuration for a test, built through the same schema as a process's
 * (so a wrong value fails the same way), from `overrides` given as the
 * variables an operator would set: `testConfig({ SIGN_MIN_FILL_SECONDS: "0" })`.
 * Nothing is read from or written to `process.env`.
 */
export function testConfig(overrides: Partial<Record<VariableName, string>> = {}): Config {
  return configFrom({ ...TEST_ENVIRONMENT, ...overrides });
}
