package org.peakpilot.demo;

/**
 * Decides whether the demo data may load into this database: never into an external database unless the operator
 * allowed it, never into one that holds real data, and only once.
 */
final class DemoGuard {

	enum Verdict {
		LOAD, ALREADY_LOADED
	}

	/**
	 * What the guard looks at.
	 *
	 * @param embeddedDatabase      the platform's embedded default database is in use (no {@code spring.datasource.url})
	 * @param allowExternalDatabase {@code peakpilot.demo.allow-external-database}
	 * @param demoMarker            the installation is already marked as holding demo data
	 * @param enterprises           enterprises in the registry
	 * @param itemsWithValues       plan items with at least one recorded value
	 */
	record Facts(boolean embeddedDatabase, boolean allowExternalDatabase, boolean demoMarker, long enterprises,
			long itemsWithValues) {
	}

	private DemoGuard() {
	}

	/** {@link Verdict#LOAD} or {@link Verdict#ALREADY_LOADED}; an {@link IllegalStateException} when refused. */
	static Verdict decide(Facts facts) {
		if (!facts.embeddedDatabase() && !facts.allowExternalDatabase()) {
			throw new IllegalStateException("""
					Refusing to load the demo data (PEAKPILOT_DEMO=true): the database is external \
					(spring.datasource.url is set) and made-up data must never reach a production database. \
					Unset PEAKPILOT_DEMO, or, for a throwaway database only, also set \
					PEAKPILOT_DEMO_ALLOW_EXTERNAL_DATABASE=true (peakpilot.demo.allow-external-database).""");
		}
		if (facts.demoMarker()) {
			return Verdict.ALREADY_LOADED;
		}
		if (facts.enterprises() > 0 || facts.itemsWithValues() > 0) {
			throw new IllegalStateException(("""
					Refusing to load the demo data (PEAKPILOT_DEMO=true): the database already holds %d enterprise(s) \
					and values for %d plan item(s) but is not marked as a demo installation, so it holds real data. \
					Unset PEAKPILOT_DEMO, or start on an empty database (e.g. a new PEAKPILOT_DATA_DIR).""")
				.formatted(facts.enterprises(), facts.itemsWithValues()));
		}
		return Verdict.LOAD;
	}
}
