// Where the aliases an operator accepted (issue 18.7: a dispatcher-taught name read as a place from
// then on) are kept, so they outlive the process: the embedded SQLite file, or Redis in cluster mode.
// The gateway replays them over the gazetteer at start; the store only keeps them, once each.

export interface AcceptedAlias {
  /** Division code of the place, as the operator named it. */
  code: string;
  alias: string;
  /** Who accepted it (the principal's id), for the record. */
  acceptedBy: string;
  /** ISO 8601. */
  acceptedAt: string;
}

export interface AliasStore {
  /** Keeps the alias; false (and the first acceptance kept) when this code already has it. */
  accept(entry: AcceptedAlias): Promise<boolean>;
  /** Every accepted alias, in the order they were first accepted. */
  list(): Promise<AcceptedAlias[]>;
  close(): Promise<void>;
}
