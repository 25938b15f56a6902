package org.peakpilot.monitoring.web;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.peakpilot.monitoring.internal.Alarms;
import org.peakpilot.monitoring.internal.Alarm;
import org.peakpilot.monitoring.internal.AlarmKind;
import org.peakpilot.monitoring.internal.AlarmQuery;
import org.peakpilot.monitoring.internal.AlarmStatus;
import org.peakpilot.monitoring.internal.BulkClose;
import org.peakpilot.monitoring.internal.MonthClosing;
import org.peakpilot.monitoring.internal.MonthlyClosing;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The alarm list with acknowledge and close, and the monthly closing with metered versus reported energy. */
@Controller
class AlarmPages {

	private final Alarms alarms;
	private final MonthlyClosing closing;
	private final Registry registry;
	private final Clock clock;

	AlarmPages(Alarms alarms, MonthlyClosing closing, Registry registry, Clock clock) {
		this.alarms = alarms;
		this.closing = closing;
		this.registry = registry;
		this.clock = clock;
	}

	@GetMapping("/monitoring/alarms")
	String alarms(@RequestParam(required = false) AlarmKind kind, @RequestParam(required = false) AlarmStatus status,
			@RequestParam(required = false) Long enterpriseId, Model model) {
		List<Alarm> alarms = this.alarms.list(new AlarmQuery(kind, status, enterpriseId, 500));
		Map<Long, Boolean> canHandle = new HashMap<>();
		alarms.forEach(a -> canHandle.put(a.id(), a.status().pending() && Alarms.canHandle(a)));
		model.addAttribute("alarms", alarms);
		model.addAttribute("canHandle", canHandle);
		model.addAttribute("canBulkClose", canHandle.containsValue(true));
		model.addAttribute("kind", kind);
		model.addAttribute("status", status);
		model.addAttribute("enterpriseId", enterpriseId);
		model.addAttribute("kinds", AlarmKind.values());
		model.addAttribute("statuses", AlarmStatus.values());
		List<RegistryModel.Enterprise> enterprises = registry.enterprises(RegistryModel.EnterpriseQuery.ALL);
		model.addAttribute("enterprises", enterprises);
		model.addAttribute("names", names(enterprises));
		return "monitoring/alarms";
	}

	/** Closes the alarms ticked on the list with one comment (all or nothing; see {@link Alarms#closeAll}). */
	@PostMapping("/monitoring/alarms/close")
	@BackTo("/monitoring/alarms")
	String closeSelected(@RequestParam(required = false) List<Long> ids, @RequestParam(required = false) String comment,
			RedirectAttributes redirect) {
		List<Long> parsed = ids == null ? List.of() : ids;
		if (parsed.size() > Alarms.MAX_BULK) {
			throw new InvalidInputException("ids", "at most " + Alarms.MAX_BULK + " alarms at once, got " + parsed.size());
		}
		BulkClose done = alarms.closeAll(parsed, comment);
		redirect.addFlashAttribute("bulkClosed", done);
		return "redirect:/monitoring/alarms";
	}

	@PostMapping("/monitoring/alarms/{id}/{action}")
	@BackTo(value = "/monitoring/alarms", rule = "status")
	String act(@PathVariable long id, @PathVariable String action, @RequestParam(required = false) String comment,
			RedirectAttributes redirect) {
		switch (action) {
			case "acknowledge" -> alarms.acknowledge(id, comment);
			case "close" -> alarms.close(id, comment);
			default -> throw new InvalidInputException("action", "unknown action " + action);
		}
		redirect.addFlashAttribute("done", action);
		return "redirect:/monitoring/alarms";
	}

	@GetMapping("/monitoring/closing")
	String closing(@RequestParam(required = false) Integer year, @RequestParam(required = false) Integer month, Model model) {
		YearMonth previous = YearMonth.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).minusMonths(1);
		int y = year == null ? previous.getYear() : year;
		model.addAttribute("year", y);
		model.addAttribute("month", month);
		model.addAttribute("rows", closing.compare(y, month, null));
		model.addAttribute("tolerance", closing.tolerancePercent());
		List<RegistryModel.Enterprise> enterprises = registry.enterprises(RegistryModel.EnterpriseQuery.ALL);
		model.addAttribute("enterprises", enterprises);
		model.addAttribute("names", names(enterprises));
		AccessScope scope = AccessScope.current();
		model.addAttribute("canClose", scope.isCityWide() || scope.hasRole(Role.ENTERPRISE_USER));
		model.addAttribute("previous", previous);
		return "monitoring/closing";
	}

	@PostMapping("/monitoring/closing")
	@BackTo(value = "/monitoring/closing", rule = "month")
	String close(@RequestParam long enterpriseId, @RequestParam String month, RedirectAttributes redirect) {
		YearMonth ym = AlarmsApi.month(month);
		MonthClosing c = closing.close(enterpriseId, ym);
		redirect.addFlashAttribute("closed", c);
		return "redirect:/monitoring/closing?year=" + ym.getYear() + "&month=" + ym.getMonthValue();
	}

	private static Map<Long, String> names(List<RegistryModel.Enterprise> enterprises) {
		Map<Long, String> names = new HashMap<>();
		enterprises.forEach(e -> names.put(e.id(), e.name()));
		return names;
	}
}
