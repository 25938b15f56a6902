package org.peakpilot.platform;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Facts about this installation kept in its database, e.g. {@link #DEMO_DATA} when it holds made-up data. */
@Component
public class InstanceSettings {

	/** Set once demo data was loaded: the UI then labels every page as holding made-up data. */
	public static final String DEMO_DATA = "demo-data";

	private final JdbcClient jdbc;
	private final Clock clock;

	InstanceSettings(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Optional<String> get(String name) {
		return jdbc.sql("SELECT value FROM instance_setting WHERE name = :n").param("n", name).query(String.class).optional();
	}

	public void put(String name, String value) {
		jdbc.sql("""
				INSERT INTO instance_setting (name, value, updated_at) VALUES (:n, :v, :t)
				ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
				""").param("n", name).param("v", value).param("t", OffsetDateTime.now(clock)).update();
	}

	/**
	 * Stores {@code value} unless the setting exists, and returns the stored value: instances that start together
	 * and each make a value (a generated key) all end up with the one that was stored first (issue 16).
	 */
	public String putIfAbsent(String name, String value) {
		jdbc.sql("INSERT INTO instance_setting (name, value, updated_at) VALUES (:n, :v, :t) ON CONFLICT (name) DO NOTHING")
			.param("n", name).param("v", value).param("t", OffsetDateTime.now(clock)).update();
		return get(name).orElseThrow();
	}

	public boolean holdsDemoData() {
		return get(DEMO_DATA).isPresent();
	}
}
