/** One numbered schema change. Adapters keep an ordered list and apply the ones a database lacks, each in a transaction. */
export interface Migration {
  /** 1, 2, 3… in the order they apply; never renumbered once released. */
  version: number;
  name: string;
  /** Statements to run, separated by semicolons. */
  sql: string;
}

/** Throws unless versions are 1, 2, 3… in order: a gap or repeat means a mistake in the list. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new Error(
        `Migration "${migration.name}" has version ${migration.version}, expected ${i + 1}: versions must run 1, 2, 3… without gaps.`,
      );
    }
  });
}
