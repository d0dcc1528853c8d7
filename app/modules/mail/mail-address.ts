/** A plausible single mailbox: no spaces, no header-breaking characters, one @, a dotted domain. */
export function isValidEmailAddress(value: string): boolean {
  return value.length <= 254 && /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/.test(value);
}
