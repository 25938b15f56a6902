package org.peakpilot.platform;

import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Start-up loads that several instances may run at the same moment (issue 16): the administrator bootstrap, the
 * reference data of the plan, the registry, the factor libraries, power zones, … each check what is there and
 * insert what is missing. Two instances starting together would both see nothing and one would fail on a
 * duplicate key. {@link #exclusively} runs such a load in a transaction that first takes a PostgreSQL advisory
 * lock of the load's name ({@code pg_advisory_xact_lock}): the second instance waits until the first committed,
 * then finds the data and does nothing. The lock ends with the transaction, also when an instance dies.
 * <p>
 * The load's own transactions join this one (propagation REQUIRED), so what it writes commits before the lock is
 * released. A load already inside a transaction takes the lock in that transaction.
 */
@Component
public class StartupLock {

	/** The first key of every start-up lock ("PP"), so that they do not meet other advisory locks. */
	private static final int NAMESPACE = 0x5050;

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;

	StartupLock(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.tx = new TransactionTemplate(transactions);
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
	}

	/** Runs the load named {@code name} (e.g. "platform.administrator") while no other instance runs it. */
	public <T> T exclusively(String name, Supplier<T> load) {
		return tx.execute(status -> {
			lock(name);
			return load.get();
		});
	}

	/** Runs the load named {@code name} while no other instance runs it. */
	public void exclusively(String name, Runnable load) {
		exclusively(name, () -> {
			load.run();
			return null;
		});
	}

	private void lock(String name) {
		// String.hashCode is specified by the language: every instance computes the same key for a name
		jdbc.sql("SELECT pg_advisory_xact_lock(:ns, :key)").param("ns", NAMESPACE).param("key", name.hashCode())
			.query((rs, n) -> 0).list();
	}
}
