import { stringify } from "csv-stringify/sync";

/**
 * A CSV file as a stream that reads the next page of rows only when the client has taken the
 * last (back-pressure): a header line first (with a BOM, so spreadsheet programs read UTF-8
 * names in Arabic, Chinese or Cyrillic correctly), then each page. Cells a spreadsheet would
 * run as a formula are escaped.
 */
export function csvStream(header: readonly string[], pages: AsyncGenerator<string[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${stringify([header])}`));
        return;
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(stringify(next.value, { escape_formulas: true })));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}

/** A UTC day (YYYY-MM-DD) as an export writes it, or empty. */
export const exportDay = (at: Date | string | null) => (at ? new Date(at).toISOString().slice(0, 10) : "");
