import type { ReactNode } from "react";

/**
 * A table of rows (`children`) under column headings; a heading that is null
 * is left out. With `region`, the table scrolls sideways on its own in a
 * region reachable by keyboard, named by `label` or by the heading `labelledBy`.
 */
export function Table({ columns, region, children }: { columns: ReactNode[]; region?: { label: string } | { labelledBy: string }; children: ReactNode }) {
  const table = (
    <table>
      <thead>
        <tr>
          {columns
            .filter((column) => column !== null)
            .map((column, i) => (
              <th scope="col" key={i}>
                {column}
              </th>
            ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  if (!region) return table;
  const name = "label" in region ? { "aria-label": region.label } : { "aria-labelledby": region.labelledBy };
  return (
    <div className="table-scroll" tabIndex={0} role="region" {...name}>
      {table}
    </div>
  );
}
