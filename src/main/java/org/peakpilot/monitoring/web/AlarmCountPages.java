package org.peakpilot.monitoring.web;

import org.peakpilot.monitoring.internal.Alarms;
import org.peakpilot.monitoring.internal.AlarmQuery;
import org.peakpilot.monitoring.internal.AlarmStatus;
import org.peakpilot.platform.QueryLimits;
import org.peakpilot.registry.Registry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The open alarms within the caller's scope (of one enterprise, if given) as a count linking to the alarm list:
 * the tile that the work queues ({@code /work}) load with htmx, so that accounting need not know monitoring.
 */
@Controller
class AlarmCountPages {

	private final Alarms alarms;
	private final Registry registry;

	AlarmCountPages(Alarms alarms, Registry registry) {
		this.alarms = alarms;
		this.registry = registry;
	}

	@GetMapping("/monitoring/alarms/open-count")
	String openCount(@RequestParam(required = false) Long enterpriseId, Model model) {
		if (enterpriseId != null) {
			registry.enterprise(enterpriseId); // not found outside the caller's scope
		}
		int count = alarms.list(new AlarmQuery(null, AlarmStatus.OPEN, enterpriseId, QueryLimits.MAX_LIMIT)).size();
		model.addAttribute("count", count);
		model.addAttribute("more", count >= QueryLimits.MAX_LIMIT);
		model.addAttribute("enterpriseId", enterpriseId);
		return "monitoring/alarm-count :: count";
	}
}
