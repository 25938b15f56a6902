package org.peakpilot.admission.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.peakpilot.platform.StartupLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores the admission rules' version the first time the application starts with it ({@code admission_rules_version}:
 * version, effective content, checksum) and refuses to start when a stored version has other content: a version's
 * rules never change, so a recorded assessment's {@code rules_version} keeps its meaning.
 */
@Component
class RulesVersions implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(RulesVersions.class);

	private final JdbcClient jdbc;
	private final AdmissionRules rules;
	private final Clock clock;

	private final StartupLock startup;

	RulesVersions(JdbcClient jdbc, AdmissionRules rules, Clock clock, StartupLock startup) {
		this.startup = startup;
		this.jdbc = jdbc;
		this.rules = rules;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		// two instances starting at once record the rules one after the other (issue 16)
		startup.exclusively("admission.rulesVersions", () -> record(rules));
	}

	/** Stores the rules' version if new; throws when the version is stored with other content. */
	void record(AdmissionRules r) {
		int inserted = jdbc.sql("""
				INSERT INTO admission_rules_version (version, content, checksum, first_seen_at) VALUES (:v, :c, :sum, :at)
				ON CONFLICT (version) DO NOTHING""").param("v", r.version()).param("c", r.canonical()).param("sum", r.checksum())
			.param("at", OffsetDateTime.now(clock)).update();
		if (inserted == 1) {
			log.info("Admission rules version {} stored (checksum {})", r.version(), r.checksum());
			return;
		}
		String stored = jdbc.sql("SELECT checksum FROM admission_rules_version WHERE version = :v").param("v", r.version())
			.query(String.class).single();
		if (!stored.equals(r.checksum())) {
			throw new IllegalStateException(AdmissionRules.FILE + ": rules.version '" + r.version()
					+ "' is stored with other content (checksum " + stored + ", now " + r.checksum()
					+ "); give the changed rules a new rules.version");
		}
	}

	/** The stored content of a version (what judged an older assessment), if stored. */
	Optional<String> content(String version) {
		return jdbc.sql("SELECT content FROM admission_rules_version WHERE version = :v").param("v", version).query(String.class).optional();
	}
}
