/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  // Server modules (db, locales on disk) are loaded by our Express server and
  // handed to Remix through the load context, never bundled twice.
  // world-atlas is JSON, which Node only imports with an import attribute: bundle it.
  serverDependenciesToBundle: [/^world-atlas\//],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
