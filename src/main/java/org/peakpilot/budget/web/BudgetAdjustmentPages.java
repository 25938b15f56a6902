package org.peakpilot.budget.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.peakpilot.budget.internal.Adjustments;
import org.peakpilot.budget.internal.Adjustments.Adjustment;
import org.peakpilot.budget.internal.BudgetSettings;
import org.peakpilot.budget.internal.PublishedHolders;
import org.peakpilot.budget.internal.VersionHistory;
import org.peakpilot.budget.internal.VersionHistory.Comparison;
import org.peakpilot.budget.internal.VersionHistory.Figure;
import org.peakpilot.budget.internal.VersionHistory.HolderDifference;
import org.peakpilot.budget.internal.VersionHistory.VersionSummary;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SheetCells;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The adjustment page (a year's requests, filing one in a window, the city's review, approval and rejection) and the
 * version page (history, two versions compared, Excel export) of issue 12 item 6. Calls the budget's services
 * directly; refused input goes back to the form with its field ({@link BackTo}).
 */
@Controller
class BudgetAdjustmentPages {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private final Adjustments adjustments;
	private final VersionHistory history;
	private final PublishedHolders holders;
	private final BudgetSettings settings;
	private final MessageSource messages;
	private final Clock clock;

	BudgetAdjustmentPages(Adjustments adjustments, VersionHistory history, PublishedHolders holders, BudgetSettings settings,
			MessageSource messages, Clock clock) {
		this.adjustments = adjustments;
		this.history = history;
		this.holders = holders;
		this.settings = settings;
		this.messages = messages;
		this.clock = clock;
	}

	/** This Beijing year. */
	int thisYear() {
		return clock.instant().atZone(BudgetSinkPages.BEIJING).getYear();
	}

	@GetMapping("/budget/adjustments")
	String thisYearsAdjustments() {
		return "redirect:/budget/" + thisYear() + "/adjustments";
	}

	@GetMapping("/budget/versions")
	String thisYearsVersions() {
		return "redirect:/budget/" + thisYear() + "/versions";
	}

	@GetMapping("/budget/{year}/adjustments")
	String adjustments(@PathVariable int year, Model model, Locale locale) {
		BudgetYearApi.checkedYear(year);
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		List<Adjustment> list = adjustments.list(year);
		int month = clock.instant().atZone(BudgetSinkPages.BEIJING).getMonthValue();
		List<Integer> open = settings.adjustmentWindowMonths();
		model.addAttribute("year", year);
		List<Adjustment> newestFirst = new java.util.ArrayList<>(list);
		java.util.Collections.reverse(newestFirst);
		model.addAttribute("adjustments", newestFirst);
		model.addAttribute("choices", holders.choices(year, locale));
		model.addAttribute("names", holders.names(locale));
		model.addAttribute("published", holders.latestPublished(year).orElse(null));
		model.addAttribute("windowOpen", open.contains(month));
		model.addAttribute("openMonths", months(open, locale));
		model.addAttribute("kinds", scope.isCityWide() ? List.of(Adjustments.Kind.values())
				: List.of(Adjustments.Kind.TRANSFER, Adjustments.Kind.RESERVE_DRAW, Adjustments.Kind.POOL_DRAW, Adjustments.Kind.CAPACITY_CLOSED));
		model.addAttribute("canDecide", scope.isCityWide());
		return "budget/adjustments";
	}

	@PostMapping("/budget/{year}/adjustments")
	@BackTo(value = "/budget/{year}/adjustments", keep = { "kind", "fromCode", "toCode", "amount", "revisedGdp", "reason" })
	String file(@PathVariable int year, @RequestParam(required = false) Adjustments.Kind kind, @RequestParam(required = false) String fromCode,
			@RequestParam(required = false) String toCode, @RequestParam(required = false) BigDecimal amount,
			@RequestParam(required = false) BigDecimal revisedGdp, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
		BudgetYearApi.checkedYear(year);
		var body = new BudgetAdjustmentApi.BudgetAdjustmentBody(kind, fromCode, toCode, amount, revisedGdp, reason);
		Adjustment filed = adjustments.file(year, body.adjustment());
		redirect.addFlashAttribute("filed", filed.id());
		return "redirect:/budget/" + year + "/adjustments#adjustment-" + filed.id();
	}

	@PostMapping("/budget/{year}/adjustments/{id}/{step}")
	@BackTo(value = "/budget/{year}/adjustments", rule = "decision", errors = "decisionErrors")
	String decide(@PathVariable int year, @PathVariable long id, @PathVariable String step, @RequestParam(required = false) String comment,
			RedirectAttributes redirect) {
		String text = comment == null || comment.isBlank() ? null : comment.strip();
		Adjustment a = switch (step) {
			case "review" -> adjustments.review(id, text);
			case "approve" -> adjustments.approve(id, text);
			case "reject" -> adjustments.reject(id, text);
			default -> throw new NotFoundException("step " + step);
		};
		redirect.addFlashAttribute("decided", a.id());
		return "redirect:/budget/" + year + "/adjustments#adjustment-" + a.id();
	}

	@GetMapping("/budget/{year}/versions")
	String versions(@PathVariable int year, @RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to,
			Model model, Locale locale) {
		BudgetYearApi.checkedYear(year);
		List<VersionSummary> versions;
		try {
			versions = history.versions(year);
		}
		catch (NotFoundException none) {
			versions = List.of();
		}
		model.addAttribute("year", year);
		model.addAttribute("versions", versions);
		if (versions.size() >= 1) {
			int b = to != null ? to : versions.get(versions.size() - 1).version();
			int a = from != null ? from : Math.max(1, b - 1);
			model.addAttribute("from", a);
			model.addAttribute("to", b);
			model.addAttribute("comparison", history.compare(year, a, b));
			model.addAttribute("names", holders.names(locale));
		}
		return "budget/versions";
	}

	/** The comparison's table alone, for htmx. */
	@GetMapping(path = "/budget/{year}/versions/compare", headers = "HX-Request")
	String compareFragment(@PathVariable int year, @RequestParam int from, @RequestParam int to, Model model, Locale locale) {
		BudgetYearApi.checkedYear(year);
		model.addAttribute("year", year);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("comparison", history.compare(year, from, to));
		model.addAttribute("names", holders.names(locale));
		return "budget/versions :: comparison";
	}

	@GetMapping("/budget/{year}/versions/compare.xlsx")
	ResponseEntity<byte[]> export(@PathVariable int year, @RequestParam int from, @RequestParam int to, Locale locale) {
		BudgetYearApi.checkedYear(year);
		Comparison c = history.compare(year, from, to);
		byte[] body = workbook(c, holders.names(locale), locale);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"budget-" + year + "-v" + from + "-v" + to + ".xlsx\"")
			.contentType(MediaType.parseMediaType(XLSX)).body(body);
	}

	/** Sheet 1: the city's figures (total, reserve, pool, sink credit, allocated); sheet 2: per holder a, b, b − a. */
	byte[] workbook(Comparison c, Map<String, String> names, Locale locale) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = SheetCells.bold(wb);
			String va = text("budget.adjpage.version", locale) + " " + c.from();
			String vb = text("budget.adjpage.version", locale) + " " + c.to();
			String diff = text("budget.adjust.difference", locale);
			Sheet city = wb.createSheet(text("budget.adjpage.sheet.city", locale));
			SheetCells.headerRow(city, 0, new String[] { text("budget.adjpage.figure", locale), va + " (tCO2)", vb + " (tCO2)", diff + " (tCO2)" }, bold);
			String[][] figures = { { "total", "budget.adjpage.total" }, { "reserve", "budget.adjpage.reserve" }, { "pool", "budget.adjpage.pool" },
					{ "sink", "budget.adjpage.sinkCredit" }, { "allocated", "budget.adjpage.allocated" } };
			Figure[] values = { c.total(), c.reserve(), c.pool(), c.sinkCredit(), c.allocated() };
			for (int i = 0; i < values.length; i++) {
				Row r = city.createRow(i + 1);
				r.createCell(0).setCellValue(text(figures[i][1], locale));
				number(r, 1, values[i].from());
				number(r, 2, values[i].to());
				number(r, 3, values[i].difference());
			}
			Sheet sheet = wb.createSheet(text("budget.adjpage.sheet.holders", locale));
			SheetCells.headerRow(sheet, 0, new String[] { text("budget.adjpage.code", locale), text("budget.adjpage.name", locale),
					text("budget.adjpage.kind", locale), text("budget.holders.parent", locale), va + " (tCO2)", vb + " (tCO2)", diff + " (tCO2)" }, bold);
			int n = 1;
			for (HolderDifference h : c.holders()) {
				Row r = sheet.createRow(n++);
				r.createCell(0).setCellValue(h.code());
				r.createCell(1).setCellValue(names.getOrDefault(h.code(), h.code()));
				r.createCell(2).setCellValue(text("budget.holders.kind." + h.kind(), locale));
				r.createCell(3).setCellValue(h.parent() == null ? "" : h.parent());
				number(r, 4, h.budgetFrom());
				number(r, 5, h.budgetTo());
				number(r, 6, h.difference());
			}
			for (int col = 0; col < 7; col++) {
				sheet.autoSizeColumn(col);
			}
			city.autoSizeColumn(0);
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void number(Row r, int col, BigDecimal v) {
		if (v != null) {
			r.createCell(col).setCellValue(v.doubleValue());
		}
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	/** The open months as the reader says them: 7月、10月 or July, October. */
	private String months(List<Integer> open, Locale locale) {
		if (open.isEmpty()) {
			return text("budget.adjpage.noWindow", locale);
		}
		return open.stream().map(m -> "zh".equals(locale.getLanguage()) ? m + "月"
				: java.time.Month.of(m).getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH))
			.collect(Collectors.joining("zh".equals(locale.getLanguage()) ? "、" : ", "));
	}

}
