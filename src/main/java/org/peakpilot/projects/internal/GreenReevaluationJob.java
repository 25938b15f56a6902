package org.peakpilot.projects.internal;

import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.peakpilot.platform.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The green library's periodic re-evaluation: daily at 03:00 Beijing time ({@code peakpilot.projects.green.reevaluation-cron}),
 * every listed entry whose last evaluation is older than the plan folder's {@code reevaluation.interval-days} (by the
 * injected clock) is evaluated again against current data, as {@code system:green-reevaluation}; those that no longer
 * meet the criteria are flagged for removal. Off with {@code peakpilot.projects.green.reevaluation-scheduled=false}.
 */
@Component
class GreenReevaluationJob {

	private static final Logger log = LoggerFactory.getLogger(GreenReevaluationJob.class);

	private final GreenLibraryStore store;
	private final boolean scheduled;

	GreenReevaluationJob(GreenLibraryStore store, @Value("${peakpilot.projects.green.reevaluation-scheduled:true}") boolean scheduled) {
		this.store = store;
		this.scheduled = scheduled;
	}

	// Daily: one instance a day. lockAtLeastFor keeps an instance whose clock lags by seconds from running it again.
	@SchedulerLock(name = "projects.greenReevaluation", lockAtMostFor = "PT1H", lockAtLeastFor = "PT1M")
	@Scheduled(cron = "${peakpilot.projects.green.reevaluation-cron:0 0 3 * * *}", zone = "Asia/Shanghai")
	void onSchedule() {
		if (scheduled) {
			reevaluateDue();
		}
	}

	/** Re-evaluates the entries that are due; returns the ids flagged. */
	List<Long> reevaluateDue() {
		try {
			return SystemActor.call("green-reevaluation", () -> store.reevaluate(true));
		}
		catch (RuntimeException ex) {
			log.error("Green library re-evaluation failed", ex);
			return List.of();
		}
	}
}
