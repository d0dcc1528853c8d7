import type { ReactNode } from "react";

/** A titled list of sourced facts, or a sentence saying there are none. */
export function FactSection<Fact>({
  id,
  title,
  facts,
  emptyText,
  factKey,
  renderFact,
}: {
  id: string;
  title: string;
  facts: readonly Fact[];
  emptyText: string;
  factKey: (fact: Fact) => string;
  renderFact: (fact: Fact) => ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {facts.length === 0 ? (
        <p>{emptyText}</p>
      ) : (
        <ul className="fact-list">
          {facts.map((fact) => (
            <li key={factKey(fact)}>{renderFact(fact)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
