package org.peakpilot.inclusive.internal;

import java.time.Clock;
import java.time.LocalDate;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.peakpilot.platform.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The ledger's daily jobs (ADR 0019 "One ledger"), Beijing time: point expiry at 00:05
 * ({@code peakpilot.inclusive.ledger.expiry-cron}) for the day that just began by the injected clock, then the
 * reconciliation at 01:15 ({@code peakpilot.inclusive.ledger.reconciliation-cron}), stored and logged as an error when
 * not ok. Off with {@code peakpilot.inclusive.ledger.jobs.scheduled=false} (tests call the methods).
 */
@Component
class LedgerJobs {

	private static final Logger log = LoggerFactory.getLogger(LedgerJobs.class);

	private final Ledger ledger;
	private final LedgerReconciliations reconciliations;
	private final Clock clock;
	private final boolean scheduled;

	LedgerJobs(Ledger ledger, LedgerReconciliations reconciliations, Clock clock,
			@Value("${peakpilot.inclusive.ledger.jobs.scheduled:true}") boolean scheduled) {
		this.ledger = ledger;
		this.reconciliations = reconciliations;
		this.clock = clock;
		this.scheduled = scheduled;
	}

	// Daily: one instance expires the points; lockAtLeastFor against an instance whose clock lags by seconds.
	@SchedulerLock(name = "inclusive.pointExpiry", lockAtMostFor = "PT1H", lockAtLeastFor = "PT1M")
	@Scheduled(cron = "${peakpilot.inclusive.ledger.expiry-cron:0 5 0 * * *}", zone = "Asia/Shanghai")
	void onExpirySchedule() {
		if (scheduled) {
			expireToday();
		}
	}

	// Daily: one reconciliation run a day, not one per instance.
	@SchedulerLock(name = "inclusive.ledgerReconciliation", lockAtMostFor = "PT2H", lockAtLeastFor = "PT1M")
	@Scheduled(cron = "${peakpilot.inclusive.ledger.reconciliation-cron:0 15 1 * * *}", zone = "Asia/Shanghai")
	void onReconciliationSchedule() {
		if (scheduled) {
			reconcile();
		}
	}

	/** Expires what is due today (Beijing date of the clock). */
	Ledger.ExpiryRun expireToday() {
		LocalDate today = LocalDate.now(clock.withZone(Ledger.BEIJING));
		try {
			return SystemActor.call("inclusive-point-expiry", () -> ledger.expireDue(today));
		}
		catch (RuntimeException ex) {
			log.error("Point expiry of {} failed", today, ex);
			return null;
		}
	}

	/** Reconciles the ledger and stores the result. */
	LedgerReconciliations.Run reconcile() {
		try {
			return SystemActor.call("inclusive-ledger-reconciliation", () -> reconciliations.run(LedgerReconciliations.Trigger.SCHEDULE));
		}
		catch (RuntimeException ex) {
			log.error("Ledger reconciliation failed to run", ex);
			return null;
		}
	}
}
