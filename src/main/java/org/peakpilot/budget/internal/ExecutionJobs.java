package org.peakpilot.budget.internal;

import java.time.Clock;
import java.time.Year;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.peakpilot.budget.BudgetVersionPublished;
import org.peakpilot.monitoring.MonthClosed;
import org.peakpilot.platform.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When the execution is recomputed, besides the office's button: right after a version is published; on a schedule
 * ({@code peakpilot.budget.execution.interval}, every 5 minutes by default; off with
 * {@code peakpilot.budget.execution.scheduled=false}, as in tests) for the current and the previous year where they
 * have a published version, which takes up verified and submitted reports; and for a year whose month monitoring
 * closed ({@link MonthClosed}): the year is marked and recomputed at the next scheduled run, so that the closing of
 * a thousand enterprises costs one recompute, not a thousand.
 */
@Component
public class ExecutionJobs {

	private static final Logger log = LoggerFactory.getLogger(ExecutionJobs.class);

	private final Execution execution;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final boolean scheduled;
	private final TransactionTemplate tx;
	private final Set<Integer> marked = new ConcurrentSkipListSet<>();

	ExecutionJobs(Execution execution, JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions,
			@Value("${peakpilot.budget.execution.scheduled:true}") boolean scheduled) {
		this.execution = execution;
		this.tx = new TransactionTemplate(transactions);
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.jdbc = jdbc;
		this.clock = clock;
		this.scheduled = scheduled;
	}

	/** After the publishing transaction commits, in a transaction of its own. */
	@TransactionalEventListener(fallbackExecution = true)
	public void on(BudgetVersionPublished published) {
		recompute(published.year());
	}

	/** A committed closing marks its year. */
	@TransactionalEventListener(fallbackExecution = true)
	public void on(MonthClosed closed) {
		marked.add(closed.year());
	}

	/** The years marked by closed months, not yet recomputed. */
	public Set<Integer> marked() {
		return Set.copyOf(marked);
	}

	// One recompute at a time across instances (each rewrites the execution figures of whole years), and, the lock
	// being held for at least the interval, one per interval across instances rather than one per instance.
	@SchedulerLock(name = "budget.executionRecompute", lockAtMostFor = "PT30M", lockAtLeastFor = "${peakpilot.budget.execution.interval:PT5M}")
	@Scheduled(fixedDelayString = "${peakpilot.budget.execution.interval:PT5M}", initialDelayString = "${peakpilot.budget.execution.initial-delay:PT1M}")
	void onSchedule() {
		if (scheduled) {
			recomputeDue();
		}
	}

	/**
	 * Recomputes the marked years and the current and previous year (Beijing) where a version is published; returns the
	 * years recomputed.
	 */
	public List<Integer> recomputeDue() {
		int current = Year.now(clock).getValue();
		Set<Integer> years = new TreeSet<>(marked);
		years.addAll(jdbc.sql("SELECT DISTINCT year FROM budget_version WHERE status = 'PUBLISHED' AND year BETWEEN :from AND :to")
			.param("from", current - 1).param("to", current).query(Integer.class).list());
		for (int y : years) {
			marked.remove(y);
			recompute(y);
		}
		return List.copyOf(years);
	}

	private void recompute(int year) {
		try {
			SystemActor.call("budget-execution", () -> tx.execute(s -> execution.recompute(year)));
		}
		catch (RuntimeException ex) {
			marked.add(year);
			log.warn("Recomputing the execution of budget {} failed, will retry at the next run: {}", year, ex.getMessage());
		}
	}
}
