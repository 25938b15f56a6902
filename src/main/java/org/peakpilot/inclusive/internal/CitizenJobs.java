package org.peakpilot.inclusive.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The citizen side's jobs: the city ranking of the month refreshed every few minutes, and the nightly badges of
 * yesterday's active citizens (Beijing time). Off with {@code peakpilot.inclusive.citizen-jobs.scheduled=false}.
 */
@Component
class CitizenJobs {

	private static final Logger log = LoggerFactory.getLogger(CitizenJobs.class);

	private final Rankings rankings;
	private final Badges badges;
	private final Clock clock;
	private final boolean scheduled;

	CitizenJobs(Rankings rankings, Badges badges, Clock clock,
			@Value("${peakpilot.inclusive.citizen-jobs.scheduled:true}") boolean scheduled) {
		this.rankings = rankings;
		this.badges = badges;
		this.clock = clock;
		this.scheduled = scheduled;
	}

	// One refresh at a time across instances, and one per interval across them (the lock is held for at least the
	// interval); successive refreshes of the month replace its ranking.
	@SchedulerLock(name = "inclusive.rankingRefresh", lockAtMostFor = "PT30M", lockAtLeastFor = "${peakpilot.inclusive.rank-refresh:PT10M}")
	@Scheduled(fixedDelayString = "${peakpilot.inclusive.rank-refresh:PT10M}", initialDelayString = "PT2M")
	void refreshRanking() {
		if (scheduled) {
			try {
				rankings.refresh(YearMonth.now(clock.withZone(CitizenActivity.BEIJING)));
			}
			catch (RuntimeException ex) {
				log.error("Ranking refresh failed, next run in a few minutes", ex);
			}
		}
	}

	// Daily: one instance awards the badges; lockAtLeastFor against an instance whose clock lags by seconds.
	@SchedulerLock(name = "inclusive.nightlyBadges", lockAtMostFor = "PT1H", lockAtLeastFor = "PT1M")
	@Scheduled(cron = "${peakpilot.inclusive.badges-cron:0 20 0 * * *}", zone = "Asia/Shanghai")
	void nightlyBadges() {
		if (scheduled) {
			try {
				LocalDate yesterday = LocalDate.now(clock.withZone(CitizenActivity.BEIJING)).minusDays(1);
				badges.evaluateActive(yesterday);
				// the month just ended is ranked for good
				if (yesterday.getDayOfMonth() == yesterday.lengthOfMonth()) {
					rankings.refresh(YearMonth.from(yesterday));
				}
			}
			catch (RuntimeException ex) {
				log.error("Nightly badges failed, next run tomorrow", ex);
			}
		}
	}
}
