export interface LocalizedText {
  language: string;
  title: string;
  bodyMarkdown: string;
  addressedTo: string;
}

/** First name only, for the list of recent signers. */
export function publicFirstName(name: string): string {
  return name.trim().split(/\s+/u)[0] ?? "";
}
