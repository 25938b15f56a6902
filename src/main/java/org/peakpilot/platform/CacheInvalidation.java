package org.peakpilot.platform;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * In-process caches that every instance invalidates (issue 16): a cache of data that can change at run time names
 * a topic ({@code accounting.factors}, {@code monitoring.gateways}, …), calls {@link #invalidate} in the
 * transaction that changes the data, and keeps with each entry the {@link #version} it read before loading it; an
 * entry whose version is no longer the topic's is loaded again. The version is a row of
 * {@code platform_cache_version} that the writer's transaction updates, so it changes for every instance exactly
 * when the data does: a factor published on one instance is used by the next calculation on any other, and a
 * gateway token revoked on one stops working on all at once, with nothing to deliver or to lose on the way.
 * The versions are read once per transaction (all topics in one query, so a loop over rows asks once) and per call
 * outside one.
 * Caches of data that never changes (files, immutable rows) need none of this.
 */
@Component
public class CacheInvalidation {

	/** The longest topic name (the column's width). */
	public static final int TOPIC_MAX = 64;

	/** Versions no committed row can have: given inside a transaction that changed the topic. */
	private static final AtomicLong uncommitted = new AtomicLong();

	private final JdbcClient jdbc;

	CacheInvalidation(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What one transaction read and changed. */
	private static final class Seen {
		final Map<String, Long> versions = new HashMap<>();
		final Set<String> changed = new HashSet<>();
		boolean readAll;
	}

	/**
	 * Marks the topic's cached data stale on every instance once the current transaction commits (at once when there
	 * is none); nothing changes if it rolls back. Inside that transaction, {@link #version} of the topic never matches
	 * an entry, so that data it has not committed is not cached for others.
	 */
	public void invalidate(String topic) {
		check(topic);
		jdbc.sql("""
				INSERT INTO platform_cache_version (topic, version) VALUES (:t, 1)
				ON CONFLICT (topic) DO UPDATE SET version = platform_cache_version.version + 1""").param("t", topic).update();
		Seen seen = seen();
		if (seen != null) {
			seen.changed.add(topic);
			seen.versions.remove(topic);
		}
	}

	/**
	 * The topic's version as committed (0 before any change): an entry loaded after reading it may be used as long
	 * as the topic has this version. Within one transaction the first answer stands; in a transaction that
	 * {@linkplain #invalidate invalidated} the topic, a number no committed version has.
	 */
	public long version(String topic) {
		check(topic);
		Seen seen = seen();
		if (seen == null) {
			return read(topic);
		}
		if (seen.changed.contains(topic)) {
			return -uncommitted.incrementAndGet();
		}
		if (!seen.readAll) {
			// every topic in one query (a handful of rows): the ingest path asks for two or three per transaction
			jdbc.sql("SELECT topic, version FROM platform_cache_version").query((rs, n) -> {
				seen.versions.putIfAbsent(rs.getString(1), rs.getLong(2));
				return null;
			}).list();
			seen.readAll = true;
		}
		return seen.versions.getOrDefault(topic, 0L);
	}

	private long read(String topic) {
		return jdbc.sql("SELECT version FROM platform_cache_version WHERE topic = :t").param("t", topic).query(Long.class).optional()
			.orElse(0L);
	}

	/** This transaction's record, bound at its first use and dropped at its end; null outside a transaction. */
	private Seen seen() {
		if (!TransactionSynchronizationManager.isSynchronizationActive() || !TransactionSynchronizationManager.isActualTransactionActive()) {
			return null;
		}
		Seen seen = (Seen) TransactionSynchronizationManager.getResource(this);
		if (seen == null) {
			Seen fresh = new Seen();
			TransactionSynchronizationManager.bindResource(this, fresh);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void suspend() {
					TransactionSynchronizationManager.unbindResource(CacheInvalidation.this);
				}

				@Override
				public void resume() {
					TransactionSynchronizationManager.bindResource(CacheInvalidation.this, fresh);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(CacheInvalidation.this);
				}
			});
			seen = fresh;
		}
		return seen;
	}

	private static void check(String topic) {
		if (topic == null || topic.isBlank() || topic.length() > TOPIC_MAX) {
			throw new IllegalArgumentException("a cache topic has 1 to " + TOPIC_MAX + " characters");
		}
	}
}
