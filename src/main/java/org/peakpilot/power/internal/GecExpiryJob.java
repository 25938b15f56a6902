package org.peakpilot.power.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.peakpilot.platform.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires green certificate lots past their validity (production month + 2 years, month end) daily at 00:20 Beijing
 * time, as {@code system:gec-expiry}; the day comes from the injected clock. Off with
 * {@code peakpilot.power.gec-expiry-scheduled=false}.
 */
@Component
class GecExpiryJob {

	private static final Logger log = LoggerFactory.getLogger(GecExpiryJob.class);

	private final GecLedger ledger;
	private final boolean scheduled;

	GecExpiryJob(GecLedger ledger, @Value("${peakpilot.power.gec-expiry-scheduled:true}") boolean scheduled) {
		this.ledger = ledger;
		this.scheduled = scheduled;
	}

	// Daily: one instance expires the certificates; lockAtLeastFor against an instance whose clock lags by seconds.
	@SchedulerLock(name = "power.gecExpiry", lockAtMostFor = "PT1H", lockAtLeastFor = "PT1M")
	@Scheduled(cron = "${peakpilot.power.gec-expiry-cron:0 20 0 * * *}", zone = "Asia/Shanghai")
	void onSchedule() {
		if (!scheduled) {
			return;
		}
		try {
			SystemActor.call("gec-expiry", ledger::expireDue);
		}
		catch (RuntimeException ex) {
			log.error("Green certificate expiry failed", ex);
		}
	}
}
