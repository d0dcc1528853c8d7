/** Lower bounds of the colour steps of the signer map: 1–9, 10–99, 100–999, 1,000–9,999, 10,000+. */
export const SIGNER_MAP_STEPS = [1, 10, 100, 1000, 10_000] as const;

/** Fill colours, light to dark; step 0 is a country without signers. */
export const SIGNER_MAP_COLOURS = ["#d5d9de", "#c6dbef", "#6baed6", "#2171b5", "#08519c", "#08306b"] as const;

/** The colour step of a count: 0 for none, then 1 to 5. */
export function signerMapStep(count: number): number {
  let step = 0;
  for (const bound of SIGNER_MAP_STEPS) if (count >= bound) step++;
  return step;
}
