package org.peakpilot.admission.internal;

import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.peakpilot.platform.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily jobs of admitted projects (Beijing time, the injected clock deciding the date): lapse without construction
 * start ({@link AdmissionWorkflow#lapseDue}) and the re-review check of commissioned projects against verified
 * reports ({@link AdmissionWorkflow#reReviewDue}). Off with {@code peakpilot.admission.jobs.scheduled=false}; tests
 * call {@link #runDue} with a movable clock.
 */
@Component
public class AdmissionJobs {

	private static final Logger log = LoggerFactory.getLogger(AdmissionJobs.class);

	private final AdmissionWorkflow workflow;
	private final boolean scheduled;

	AdmissionJobs(AdmissionWorkflow workflow, @Value("${peakpilot.admission.jobs.scheduled:true}") boolean scheduled) {
		this.workflow = workflow;
		this.scheduled = scheduled;
	}

	// Daily: one instance lapses and flags; lockAtLeastFor against an instance whose clock lags by seconds.
	@SchedulerLock(name = "admission.dueJobs", lockAtMostFor = "PT1H", lockAtLeastFor = "PT1M")
	@Scheduled(cron = "${peakpilot.admission.jobs.cron:0 30 2 * * *}", zone = "Asia/Shanghai")
	void onSchedule() {
		if (scheduled) {
			try {
				runDue();
			}
			catch (RuntimeException ex) {
				log.error("Admission jobs failed, next run tomorrow", ex);
			}
		}
	}

	/** The projects lapsed and flagged for re-review, as a system actor; each list in its own transaction. */
	public Result runDue() {
		List<Long> lapsed = SystemActor.call("admission-lapse", workflow::lapseDue);
		List<Long> flagged = SystemActor.call("admission-re-review", workflow::reReviewDue);
		if (!lapsed.isEmpty() || !flagged.isEmpty()) {
			log.info("Admission jobs: lapsed {}, flagged for re-review {}", lapsed, flagged);
		}
		return new Result(lapsed, flagged);
	}

	/** What a run did. */
	public record Result(List<Long> lapsed, List<Long> flaggedForReReview) {
	}
}
