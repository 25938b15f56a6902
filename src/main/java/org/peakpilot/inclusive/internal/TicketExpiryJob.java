package org.peakpilot.inclusive.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.peakpilot.platform.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires carbon tickets past their validity (plan folder {@code ticket.validity-years}) daily at 00:10 Beijing time,
 * as {@code system:ticket-expiry}. Off with {@code peakpilot.inclusive.tickets.expiry-scheduled=false}.
 */
@Component
class TicketExpiryJob {

	private static final Logger log = LoggerFactory.getLogger(TicketExpiryJob.class);

	private final TicketRegistry tickets;
	private final boolean scheduled;

	TicketExpiryJob(TicketRegistry tickets, @Value("${peakpilot.inclusive.tickets.expiry-scheduled:true}") boolean scheduled) {
		this.tickets = tickets;
		this.scheduled = scheduled;
	}

	// Daily: one instance (the expiry also claims its rows with SKIP LOCKED); lockAtLeastFor against lagging clocks.
	@SchedulerLock(name = "inclusive.ticketExpiry", lockAtMostFor = "PT1H", lockAtLeastFor = "PT1M")
	@Scheduled(cron = "${peakpilot.inclusive.tickets.expiry-cron:0 10 0 * * *}", zone = "Asia/Shanghai")
	void onSchedule() {
		if (!scheduled) {
			return;
		}
		try {
			SystemActor.call("ticket-expiry", tickets::expireDue);
		}
		catch (RuntimeException ex) {
			log.error("Carbon ticket expiry failed", ex);
		}
	}
}
