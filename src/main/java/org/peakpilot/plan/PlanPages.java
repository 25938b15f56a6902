package org.peakpilot.plan;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.peakpilot.plan.PlanModel.Kind;
import org.peakpilot.plan.PlanModel.Observation;
import org.peakpilot.plan.PlanModel.Status;
import org.peakpilot.plan.PlanModel.Target;
import org.peakpilot.plan.PlanModel.Tracked;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * The cockpit (指标驾驶舱), the commitments page, an item's history, value entry by form and Excel, and publishing
 * a computed value. The public pages show entered and published values only; signed-in users see computed values
 * not yet published, marked as such.
 */
@Controller
class PlanPages {

	private final PilotPlan plan;
	private final JsonMapper json;
	private final List<IndicatorInformation> information;

	PlanPages(PilotPlan plan, JsonMapper json, List<IndicatorInformation> information) {
		this.plan = plan;
		this.json = json;
		this.information = information;
	}

	/** Items of one group (a category of the indicator table, a section of the plan) with a status count. */
	record Group(String key, String nameZh, String nameEn, List<Tracked> items, Map<Status, Integer> counts) {
		public String name(Locale locale) {
			return PlanModel.english(locale) ? nameEn : nameZh;
		}
	}

	@GetMapping("/plan/cockpit")
	String cockpit(Model model, Locale locale) {
		return overview(Kind.INDICATOR, false, model, locale);
	}

	@GetMapping("/public/cockpit")
	String publicCockpit(Model model, Locale locale) {
		return overview(Kind.INDICATOR, true, model, locale);
	}

	@GetMapping("/plan/commitments")
	String commitments(Model model, Locale locale) {
		return overview(Kind.COMMITMENT, false, model, locale);
	}

	@GetMapping("/public/commitments")
	String publicCommitments(Model model, Locale locale) {
		return overview(Kind.COMMITMENT, true, model, locale);
	}

	private String overview(Kind kind, boolean publicView, Model model, Locale locale) {
		List<Tracked> tracked = publicView ? plan.published(kind) : plan.tracked(kind);
		Map<String, Group> groups = new LinkedHashMap<>();
		for (Tracked t : tracked) {
			groups.computeIfAbsent(t.item().groupKey(), k -> new Group(k, t.item().groupZh(), t.item().groupEn(),
					new ArrayList<>(), new EnumMap<>(Status.class))).items().add(t);
		}
		Map<Status, Integer> totals = new EnumMap<>(Status.class);
		for (Status s : Status.values()) {
			totals.put(s, 0);
		}
		List<Map<String, Object>> charts = new ArrayList<>();
		for (Group g : groups.values()) {
			List<Map<String, Object>> bars = new ArrayList<>();
			for (Tracked t : g.items()) {
				g.counts().merge(t.progress().status(), 1, Integer::sum);
				totals.merge(t.progress().status(), 1, Integer::sum);
				Map<String, Object> bar = new LinkedHashMap<>();
				bar.put("code", t.item().code());
				bar.put("name", t.item().name(locale));
				bar.put("status", t.progress().status().name());
				bar.put("percent", t.progress().status() == Status.ACHIEVED ? Integer.valueOf(100) : t.progress().percent());
				bars.add(bar);
			}
			charts.add(Map.of("group", g.key(), "bars", bars));
		}
		model.addAttribute("plan", plan.info());
		model.addAttribute("kind", kind);
		model.addAttribute("groups", groups.values());
		model.addAttribute("total", tracked.size());
		model.addAttribute("totals", totals);
		model.addAttribute("statuses", Status.values());
		model.addAttribute("publicView", publicView);
		model.addAttribute("canRecord", !publicView && isOffice());
		model.addAttribute("unpublished", publicView ? Set.of() : unpublished());
		model.addAttribute("chartJson", toJson(charts));
		return "plan/overview";
	}

	@GetMapping({ "/plan/items/{code}", "/public/items/{code}" })
	String item(@PathVariable String code, Model model, Locale locale,
			jakarta.servlet.http.HttpServletRequest request) {
		boolean publicView = request.getRequestURI().startsWith("/public/");
		Tracked tracked = publicView ? plan.published(code) : plan.tracked(code);
		List<Observation> history = publicView ? plan.publishedHistory(code) : plan.history(code);
		model.addAttribute("plan", plan.info());
		model.addAttribute("t", tracked);
		model.addAttribute("history", history);
		model.addAttribute("lineageLinks", publicView ? Map.of() : lineageLinks(history));
		model.addAttribute("publicView", publicView);
		model.addAttribute("canRecord", !publicView && isOffice());
		// other modules' information about the item, signed-in pages only: never the item's value
		model.addAttribute("notes", publicView ? List.of() : information.stream().flatMap(i -> i.about(code, locale).stream()).toList());
		model.addAttribute("chartJson", toJson(historyChart(tracked, publicView ? PilotPlan.effective(history)
				: history.stream().filter(Observation::current).toList(), locale)));
		return "plan/item";
	}

	@PostMapping("/plan/items/{code}/observations/{year}/publish")
	String publish(@PathVariable String code, @PathVariable int year, RedirectAttributes redirect) {
		// caught here, not by PageErrorAdvice: the page shows a refused publication as one message of its own
		try {
			plan.publish(code, year);
			redirect.addFlashAttribute("published", year);
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("publishError", ex.getMessage());
		}
		return "redirect:/plan/items/" + code;
	}

	@PostMapping("/plan/items/{code}/observations")
	@BackTo(value = "/plan/items/{code}", keep = { "formYear=year", "formValue=value", "formSource=sourceDocument", "formNote=note" })
	String record(@PathVariable String code, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) BigDecimal value, @RequestParam(required = false) String sourceDocument,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		plan.record(new PilotPlan.NewObservation(code, year, value, null, sourceDocument, note));
		redirect.addFlashAttribute("recorded", year);
		return "redirect:/plan/items/" + code;
	}

	@PostMapping("/plan/items/{code}/provincial-targets")
	@BackTo(value = "/plan/items/{code}", errors = "targetErrors")
	String provincialTarget(@PathVariable String code, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) BigDecimal value, @RequestParam(required = false) String sourceDocument,
			RedirectAttributes redirect) {
		plan.setProvincialTarget(code, year, value, sourceDocument);
		redirect.addFlashAttribute("targetSaved", year);
		return "redirect:/plan/items/" + code;
	}

	@GetMapping("/plan/import")
	String importForm(Model model) {
		// only the city imports observations: the form must not open for roles whose upload would be refused
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		model.addAttribute("plan", plan.info());
		return "plan/import";
	}

	@PostMapping("/plan/import")
	String importWorkbook(@RequestParam(name = "file", required = false) MultipartFile file, Model model) throws IOException {
		model.addAttribute("plan", plan.info());
		// caught here, not by PageErrorAdvice: the import page shows the file's errors by row and column on this response
		try {
			if (file == null || file.isEmpty()) {
				throw new InvalidInputException("file", "choose an Excel file (.xlsx) to upload");
			}
			if (file.getSize() > ObservationWorkbook.MAX_BYTES) {
				throw new InvalidInputException("file", "the file has " + file.getSize() / 1024 + " KiB; at most "
						+ ObservationWorkbook.MAX_BYTES / 1024 / 1024 + " MiB are accepted");
			}
			model.addAttribute("imported", plan.importWorkbook(file.getBytes()));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", ex.errors());
			model.addAttribute("fileName", file == null ? null : file.getOriginalFilename());
		}
		return "plan/import";
	}

	@GetMapping("/plan/template.xlsx")
	ResponseEntity<byte[]> template() {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"plan-values-template.xlsx\"")
			.contentType(MediaType.parseMediaType(PlanApi.XLSX))
			.body(plan.template());
	}

	/**
	 * The history chart's data. {@code values} has one point per year from the first to the last value, {@code null}
	 * where a year has no value or only a provisional one (a gap, never a zero); provisional values go into
	 * {@code provisional} with their coverage, drawn apart.
	 */
	private Map<String, Object> historyChart(Tracked tracked, List<Observation> current, Locale locale) {
		TreeMap<Integer, Observation> byYear = new TreeMap<>();
		current.forEach(o -> byYear.put(o.year(), o));
		List<List<Object>> values = new ArrayList<>();
		List<List<Object>> provisional = new ArrayList<>();
		if (!byYear.isEmpty()) {
			int first = byYear.firstKey();
			int last = byYear.lastKey();
			for (int y = first; y <= last; y++) {
				Observation o = byYear.get(y);
				List<Object> point = new ArrayList<>();
				point.add(String.valueOf(y));
				point.add(o == null || o.provisional() ? null : o.value());
				values.add(point);
				if (o != null && o.provisional()) {
					List<Object> p = new ArrayList<>();
					p.add(String.valueOf(y));
					p.add(o.value());
					p.add(o.coveragePercent());
					provisional.add(p);
				}
			}
		}
		List<List<Object>> targets = new ArrayList<>();
		List<List<Object>> path = new ArrayList<>();
		var item = tracked.item();
		if (item.baselineValue() != null) {
			path.add(List.of(String.valueOf(item.baselineYear()), item.baselineValue()));
		}
		for (Target t : item.targets()) {
			if (t.known()) {
				targets.add(List.of(String.valueOf(t.year()), t.value()));
				path.add(List.of(String.valueOf(t.year()), t.value()));
			}
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("name", item.name(locale));
		chart.put("unit", item.unitLabel(locale));
		chart.put("direction", item.direction().name());
		chart.put("values", values);
		chart.put("provisional", provisional);
		chart.put("targets", targets);
		chart.put("path", path);
		chart.put("baseline", item.baselineValue() == null ? null : List.of(String.valueOf(item.baselineYear()), item.baselineValue()));
		return chart;
	}

	/** For computed values: the page their lineage links to (a path on this site), by observation id. */
	private Map<Long, String> lineageLinks(List<Observation> history) {
		Map<Long, String> links = new LinkedHashMap<>();
		for (Observation o : history) {
			if (o.lineage() == null) {
				continue;
			}
			tools.jackson.databind.JsonNode link = json.readTree(o.lineage()).get("link");
			if (link != null && link.isString() && link.asString().startsWith("/") && !link.asString().startsWith("//")) {
				links.put(o.id(), link.asString());
			}
		}
		return links;
	}

	private String toJson(Object value) {
		return json.writeValueAsString(value).replace("</", "<\\/");
	}

	/** "item/year" of the current computed values not yet published. */
	private Set<String> unpublished() {
		return plan.unpublished().stream().map(o -> o.itemCode() + "/" + o.year()).collect(Collectors.toSet());
	}

	private static boolean isOffice() {
		return AccessScope.current().hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
	}

}
