package org.peakpilot.accounting.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.peakpilot.accounting.ReportStatus;
import org.peakpilot.accounting.internal.MonthlyReports;
import org.peakpilot.accounting.internal.Overdue;
import org.peakpilot.accounting.internal.ReportRow;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Each role's landing page after sign-in ({@code /work}): what waits for this user. An enterprise sees its months
 * to fill, its returned reports and its open alarms; a verifier the reports submitted by its enterprises; county
 * officers and park managers their enterprises' reports by status and the overdue months; the city all of that
 * and the verified reports waiting to be locked. Everything comes from the entry points within the caller's scope.
 */
@Controller
class WorkPages {

	/** Rows per page of each list. */
	static final int PAGE_SIZE = 20;
	/**
	 * How many months back an enterprise's open months are listed; never before the month it was registered in (the
	 * registry's only start date), except months it has a draft or returned report of.
	 */
	private static final int MONTHS_BACK = 12;
	private static final int PAGE_MAX = 100_000;

	private final MonthlyReports monthlyReports;
	private final Registry registry;
	private final Clock clock;

	WorkPages(MonthlyReports monthlyReports, Registry registry, Clock clock) {
		this.monthlyReports = monthlyReports;
		this.registry = registry;
		this.clock = clock;
	}

	@GetMapping("/work")
	String work(@RequestParam(required = false) Integer year, @RequestParam(required = false) ReportStatus status,
			@RequestParam(required = false) Long enterpriseId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "0") int overduePage, @RequestParam(defaultValue = "0") int lockPage, Model model) {
		AccessScope scope = AccessScope.current();
		YearMonth thisMonth = YearMonth.now(clock);
		// the year of the last month due: in January the office still chases December
		int y = year == null ? thisMonth.minusMonths(1).getYear() : year;
		if (y < 2010 || y > thisMonth.getYear()) {
			throw new InvalidInputException("year", "a year from 2010 to " + thisMonth.getYear() + " is required");
		}
		requirePage("page", page);
		requirePage("overduePage", overduePage);
		requirePage("lockPage", lockPage);
		model.addAttribute("year", y);
		model.addAttribute("status", status);
		model.addAttribute("statuses", ReportStatus.values());
		model.addAttribute("role", scope.role().name());
		model.addAttribute("names", names());
		switch (scope.role()) {
			case ENTERPRISE_USER -> enterprise(scope, thisMonth, model);
			case VERIFIER -> model.addAttribute("waiting", Page.of(monthlyReports.list(null, null, ReportStatus.SUBMITTED).stream()
				.sorted(Comparator.comparing(ReportRow::updatedAt)).toList(), page));
			default -> office(scope, y, status, enterpriseId, page, overduePage, lockPage, model);
		}
		return "accounting/work";
	}

	private static void requirePage(String field, int page) {
		if (page < 0 || page > PAGE_MAX) {
			throw new InvalidInputException(field, "a page from 0 to " + PAGE_MAX + " is required");
		}
	}

	private void enterprise(AccessScope scope, YearMonth thisMonth, Model model) {
		if (scope.enterprises().isEmpty()) {
			return; // an enterprise user always has its enterprise; without one there is nothing to show
		}
		long enterpriseId = scope.enterprises().iterator().next();
		RegistryModel.Enterprise e = registry.enterprise(enterpriseId);
		Map<YearMonth, ReportRow> byMonth = new HashMap<>();
		List<ReportRow> returned = new ArrayList<>();
		for (ReportRow r : monthlyReports.list(enterpriseId, null, null)) {
			byMonth.put(YearMonth.of(r.year(), r.month()), r);
			if (r.status() == ReportStatus.RETURNED) {
				returned.add(r);
			}
		}
		LocalDate today = LocalDate.now(clock);
		// an enterprise registered last month has nothing to fill from the year before: empty months count from the
		// month of its registration (Beijing time); a report already begun (draft, returned) is listed whenever it lies
		YearMonth registered = MonthlyReports.firstMonthOwed(e);
		List<OpenMonth> open = new ArrayList<>();
		for (int back = MONTHS_BACK; back >= 0; back--) {
			YearMonth ym = thisMonth.minusMonths(back);
			ReportRow r = byMonth.get(ym);
			ReportStatus s = r == null ? null : r.status();
			if (r == null && registered != null && ym.isBefore(registered)) {
				continue;
			}
			// the running month is listed only once a draft of it exists
			if ((back > 0 || r != null) && (s == null || s == ReportStatus.DRAFT || s == ReportStatus.RETURNED)) {
				LocalDate due = ym.plusMonths(1).atDay(MonthlyReports.DUE_DAY);
				open.add(new OpenMonth(ym.getYear(), ym.getMonthValue(), s, r == null ? null : r.id(), due, today.isAfter(due)));
			}
		}
		model.addAttribute("enterprise", e);
		model.addAttribute("openMonths", open);
		model.addAttribute("returned", returned);
	}

	private void office(AccessScope scope, int year, ReportStatus status, Long enterpriseId, int page, int overduePage, int lockPage,
			Model model) {
		if (enterpriseId != null) {
			registry.enterprise(enterpriseId); // not found outside the caller's scope
		}
		List<ReportRow> reports = monthlyReports.list(enterpriseId, year, null);
		Map<ReportStatus, Integer> counts = new EnumMap<>(ReportStatus.class);
		for (ReportStatus s : ReportStatus.values()) {
			counts.put(s, 0);
		}
		reports.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
		model.addAttribute("counts", counts);
		// the latest changes first: what moved recently is what needs a look
		model.addAttribute("reports", Page.of(reports.stream().filter(r -> status == null || r.status() == status)
			.sorted(Comparator.comparing(ReportRow::updatedAt).reversed()).toList(), page));
		List<Overdue> overdue = monthlyReports.overdue(year).stream()
			.filter(o -> enterpriseId == null || o.enterpriseId() == enterpriseId).toList();
		model.addAttribute("overdueMonths", overdue.size());
		model.addAttribute("overdue", Page.of(OverdueEnterprise.of(overdue, counties()), overduePage));
		if (scope.isCityWide()) {
			model.addAttribute("toLock", Page.of(monthlyReports.list(enterpriseId, null, ReportStatus.VERIFIED).stream()
				.sorted(Comparator.comparing(ReportRow::updatedAt)).toList(), lockPage));
		}
		model.addAttribute("enterpriseId", enterpriseId);
		model.addAttribute("enterprises", registry.enterprises(RegistryModel.EnterpriseQuery.ALL));
		model.addAttribute("cityWide", scope.isCityWide());
		model.addAttribute("office", scope.hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER));
	}

	private Map<String, String> counties() {
		Map<String, String> names = new HashMap<>();
		registry.counties().forEach(c -> names.put(c.code(), c.nameZh()));
		return names;
	}

	private Map<Long, String> names() {
		Map<Long, String> names = new HashMap<>();
		registry.enterprises(RegistryModel.EnterpriseQuery.ALL).forEach(e -> names.put(e.id(), e.name()));
		return names;
	}

	/** A month the enterprise still has to fill or correct; {@code reportId} is null while nothing was entered. */
	record OpenMonth(int year, int month, ReportStatus status, Long reportId, LocalDate due, boolean overdue) {
	}

	/**
	 * An enterprise with its overdue months of the year, in order; {@code months} reads "1–10, 12" (runs of
	 * consecutive months joined).
	 */
	record OverdueEnterprise(long enterpriseId, String name, String countyCode, String countyName, int count, String months,
			int year) {

		static List<OverdueEnterprise> of(List<Overdue> overdue, Map<String, String> counties) {
			Map<Long, List<Overdue>> byEnterprise = new java.util.LinkedHashMap<>();
			overdue.forEach(o -> byEnterprise.computeIfAbsent(o.enterpriseId(), k -> new ArrayList<>()).add(o));
			List<OverdueEnterprise> rows = new ArrayList<>();
			byEnterprise.forEach((id, list) -> {
				Overdue first = list.get(0);
				rows.add(new OverdueEnterprise(id, first.enterpriseName(), first.countyCode(),
						counties.getOrDefault(first.countyCode(), first.countyCode()), list.size(),
						runs(list.stream().map(Overdue::month).sorted().toList()), first.year()));
			});
			// the most months behind first
			rows.sort(Comparator.comparingInt(OverdueEnterprise::count).reversed().thenComparing(OverdueEnterprise::name));
			return rows;
		}

		static String runs(List<Integer> months) {
			StringBuilder sb = new StringBuilder();
			for (int i = 0; i < months.size(); i++) {
				int start = months.get(i);
				while (i + 1 < months.size() && months.get(i + 1) == months.get(i) + 1) {
					i++;
				}
				sb.append(sb.isEmpty() ? "" : ", ").append(start);
				if (months.get(i) != start) {
					sb.append('–').append(months.get(i));
				}
			}
			return sb.toString();
		}
	}

	/** One page of a list: its rows, its number (from 0), how many pages and rows there are. */
	record Page<T>(List<T> rows, int number, int pages, int total) {

		static <T> Page<T> of(List<T> all, int page) {
			int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
			int p = Math.min(page, pages - 1);
			return new Page<>(all.subList(p * PAGE_SIZE, Math.min(all.size(), (p + 1) * PAGE_SIZE)), p, pages, all.size());
		}

		public boolean hasPrevious() {
			return number > 0;
		}

		public boolean hasNext() {
			return number + 1 < pages;
		}
	}
}
