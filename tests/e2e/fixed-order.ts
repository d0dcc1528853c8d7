import { statSync } from "node:fs";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The browser test files share one server and one database per run, so what one file leaves
 * (a petition published, signatures from one address) is seen by the files after it. Run them
 * in one fixed order, largest file first, whatever an earlier run cached: the run on PostgreSQL
 * then repeats the order of the run on PGlite instead of reordering by the last durations.
 */
export class FixedOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const size = (file: TestSpecification) => statSync(file.moduleId).size;
    return [...files].sort((a, b) => size(b) - size(a) || a.moduleId.localeCompare(b.moduleId));
  }
}
