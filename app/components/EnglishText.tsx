import type { ReactNode } from "react";

/**
 * Text from the data that exists only in English: marked for screen readers
 * and isolated so it reads left to right inside Arabic sentences.
 */
export function EnglishText({ children }: { children: ReactNode }) {
  return (
    <span lang="en" dir="ltr">
      {children}
    </span>
  );
}
