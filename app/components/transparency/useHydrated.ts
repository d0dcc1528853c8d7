import { useEffect, useState } from "react";

/** False on the server and until the page's script runs: what needs JavaScript waits for true. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
