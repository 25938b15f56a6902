package org.peakpilot.projects.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.Role;
import org.peakpilot.projects.internal.KeyProjectAdmissions;
import org.peakpilot.projects.internal.KeyProjectSavings;
import org.peakpilot.projects.internal.KeyProjectSettings;
import org.peakpilot.projects.internal.KeyProjectStage;
import org.peakpilot.projects.internal.KeyProjectSummary;
import org.peakpilot.projects.internal.KeyProjectWorkbook;
import org.peakpilot.projects.internal.KeyProjects;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The key-project library's pages (重点项目库, ADR 0018): the dashboard against the plan's 352 projects and 2,943.30 亿元
 * with charts by domain and county, the stage mix, the late and under-delivering projects and the list; a project's page
 * with its stage history and savings; the form for one project, the Excel import, and the admitted projects the office
 * may mark as key projects. Refused input goes back to the form through {@code @BackTo}.
 */
@Controller
class KeyProjectPages {

	/** The form's fields (names distinct from the page's other attributes, so that @BackTo can flash them back). */
	record KeyProjectFields(Integer domainNo, String countyCode, Long ownerEnterpriseId, String ownerName, String projectName, BigDecimal investment,
			BigDecimal investmentCompleted, Integer startYear, Integer endYear, KeyProjectStage stage, BigDecimal expectedTce, BigDecimal expectedCo2T,
			String estimateMethod) {

		KeyProjects.Input input() {
			return new KeyProjects.Input(domainNo, countyCode, ownerEnterpriseId, blank(ownerName) ? null : ownerName, projectName, investment,
					investmentCompleted, startYear, endYear, stage, expectedTce, expectedCo2T, blank(estimateMethod) ? null : estimateMethod);
		}
	}

	private final KeyProjects projects;
	private final KeyProjectSavings savings;
	private final KeyProjectSummary summary;
	private final KeyProjectWorkbook workbook;
	private final KeyProjectAdmissions admissions;
	private final KeyProjectSettings settings;
	private final Registry registry;
	private final JsonMapper json;

	KeyProjectPages(KeyProjects projects, KeyProjectSavings savings, KeyProjectSummary summary, KeyProjectWorkbook workbook,
			KeyProjectAdmissions admissions, KeyProjectSettings settings, Registry registry, JsonMapper json) {
		this.projects = projects;
		this.savings = savings;
		this.summary = summary;
		this.workbook = workbook;
		this.admissions = admissions;
		this.settings = settings;
		this.registry = registry;
		this.json = json;
	}

	@GetMapping("/projects/key")
	String dashboard(@RequestParam(required = false) Integer domain, @RequestParam(required = false) String county,
			@RequestParam(required = false) KeyProjectStage stage, @RequestParam(required = false) String q, Model model) {
		KeyProjectSummary.Dashboard d = summary.dashboard();
		String text = q == null ? null : q.length() > 100 ? q.substring(0, 100) : q;
		String c = county == null || county.length() > 12 ? null : county;
		model.addAttribute("d", d);
		model.addAttribute("projects", projects.list(new KeyProjects.Query(domain, c, stage, null, null, text)));
		model.addAttribute("domains", projects.domains());
		model.addAttribute("counties", registry.counties());
		model.addAttribute("stages", KeyProjectStage.values());
		model.addAttribute("fDomain", domain);
		model.addAttribute("fCounty", c);
		model.addAttribute("fStage", stage);
		model.addAttribute("fText", text);
		model.addAttribute("canEdit", AccessScope.current().hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER));
		model.addAttribute("isOffice", AccessScope.current().isCityWide());
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("domains", d.byDomain());
		chart.put("counties", d.byCounty());
		chart.put("stages", d.byStage());
		model.addAttribute("chartJson", json.writeValueAsString(chart).replace("</", "<\\/"));
		return "projects/key";
	}

	@GetMapping("/projects/key/export")
	ResponseEntity<byte[]> export() {
		return KeyProjectApi.xlsx("key-projects.xlsx", KeyProjectWorkbook.export(projects.list(KeyProjects.Query.ALL)));
	}

	@GetMapping("/projects/key/template")
	ResponseEntity<byte[]> template() {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		return KeyProjectApi.xlsx("key-projects-template.xlsx", workbook.template());
	}

	@GetMapping("/projects/key/import")
	String importPage(Model model) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		model.addAttribute("maxRows", KeyProjectWorkbook.MAX_ROWS);
		return "projects/key-import";
	}

	@PostMapping("/projects/key/import")
	@BackTo("/projects/key/import")
	String importFile(@RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
		List<Long> ids = workbook.importFile(file == null ? null : file.getBytes());
		redirect.addFlashAttribute("imported", ids.size());
		return "redirect:/projects/key";
	}

	@GetMapping("/projects/key/new")
	String newForm(Model model) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		formModel(model, null);
		return "projects/key-form";
	}

	@PostMapping("/projects/key")
	@BackTo(value = "/projects/key/new", keep = { "domainNo", "countyCode", "ownerEnterpriseId", "ownerName", "projectName", "investment",
			"investmentCompleted", "startYear", "endYear", "stage", "expectedTce", "expectedCo2T", "estimateMethod" })
	String create(@ModelAttribute KeyProjectFields fields, RedirectAttributes redirect) {
		KeyProjects.Project p = projects.create(fields.input());
		redirect.addFlashAttribute("saved", true);
		return "redirect:/projects/key/" + p.id();
	}

	@GetMapping("/projects/key/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		formModel(model, projects.get(id));
		return "projects/key-form";
	}

	@PostMapping("/projects/key/{id}")
	@BackTo(value = "/projects/key/{id}/edit", keep = { "domainNo", "countyCode", "ownerEnterpriseId", "ownerName", "projectName", "investment",
			"investmentCompleted", "startYear", "endYear", "stage", "expectedTce", "expectedCo2T", "estimateMethod" })
	String update(@PathVariable long id, @ModelAttribute KeyProjectFields fields, RedirectAttributes redirect) {
		projects.update(id, fields.input());
		redirect.addFlashAttribute("saved", true);
		return "redirect:/projects/key/" + id;
	}

	private void formModel(Model model, KeyProjects.Project project) {
		model.addAttribute("project", project);
		model.addAttribute("domains", projects.domains());
		AccessScope scope = AccessScope.current();
		model.addAttribute("counties", registry.counties().stream().filter(c -> scope.isCityWide() || c.code().equals(scope.countyCode())).toList());
		model.addAttribute("enterprises", registry.enterprises(RegistryModel.EnterpriseQuery.ALL));
		model.addAttribute("stages", KeyProjectStage.values());
	}

	@GetMapping("/projects/key/{id}")
	String project(@PathVariable long id, Model model) {
		KeyProjects.Project p = projects.get(id);
		model.addAttribute("p", p);
		model.addAttribute("history", projects.history(id));
		model.addAttribute("savings", savings.entries(id));
		model.addAttribute("stages", KeyProjectStage.values());
		model.addAttribute("canEdit", AccessScope.current().hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER));
		model.addAttribute("share", settings.underDeliveringShare());
		model.addAttribute("staleMonths", settings.staleMonths());
		model.addAttribute("minMonths", settings.accountingMinMonths());
		return "projects/key-project";
	}

	@PostMapping("/projects/key/{id}/progress")
	@BackTo(value = "/projects/key/{id}#progress", keep = { "progressStage=stage", "progressCompleted=completed", "progressOn", "progressNote=note" })
	String progress(@PathVariable long id, @RequestParam(required = false) KeyProjectStage stage, @RequestParam(required = false) BigDecimal completed,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) java.time.LocalDate progressOn,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		projects.progress(id, new KeyProjects.ProgressInput(stage, completed, progressOn, blank(note) ? null : note));
		redirect.addFlashAttribute("saved", true);
		return "redirect:/projects/key/" + id + "#progress";
	}

	@PostMapping("/projects/key/{id}/savings")
	@BackTo(value = "/projects/key/{id}#savings", keep = { "savingsYear=year", "realisedTce", "realisedCo2T", "referenceNumber", "savingsNote=note" })
	String withEvidence(@PathVariable long id, @RequestParam(required = false) Integer year, @RequestParam(required = false) BigDecimal realisedTce,
			@RequestParam(required = false) BigDecimal realisedCo2T, @RequestParam(required = false) String referenceNumber,
			@RequestParam(required = false) String note, @RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
		byte[] bytes = file == null || file.isEmpty() ? null : file.getBytes();
		savings.withEvidence(id, new KeyProjectSavings.Evidence(year, realisedTce, realisedCo2T, blank(referenceNumber) ? null : referenceNumber,
				blank(note) ? null : note, bytes == null ? null : file.getOriginalFilename(), bytes));
		redirect.addFlashAttribute("saved", true);
		return "redirect:/projects/key/" + id + "#savings";
	}

	@PostMapping("/projects/key/{id}/savings/from-accounting")
	@BackTo(value = "/projects/key/{id}#savings", keep = { "beforeYear", "afterYear" })
	String fromAccounting(@PathVariable long id, @RequestParam(required = false) Integer beforeYear, @RequestParam(required = false) Integer afterYear,
			RedirectAttributes redirect) {
		savings.fromAccounting(id, beforeYear, afterYear);
		redirect.addFlashAttribute("saved", true);
		return "redirect:/projects/key/" + id + "#savings";
	}

	@GetMapping("/projects/key/{id}/savings/{savingsId}/document")
	ResponseEntity<byte[]> document(@PathVariable long id, @PathVariable long savingsId) {
		KeyProjectSavings.Document d = savings.document(id, savingsId);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.name(), StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.parseMediaType(d.type())).body(d.bytes());
	}

	@GetMapping("/projects/key/admitted")
	String admitted(Model model) {
		model.addAttribute("admitted", admissions.notYetInLibrary());
		model.addAttribute("domains", projects.domains());
		model.addAttribute("countyNames", registry.counties().stream().collect(java.util.stream.Collectors.toMap(RegistryModel.Region::code,
				RegistryModel.Region::nameZh, (a, b) -> a)));
		return "projects/key-admitted";
	}

	@PostMapping("/projects/key/admitted/{admissionId}")
	@BackTo("/projects/key/admitted")
	String mark(@PathVariable long admissionId, @RequestParam(required = false) Integer domainNo, @RequestParam(required = false) String ownerName,
			RedirectAttributes redirect) {
		KeyProjects.Project p = admissions.mark(admissionId, new KeyProjectAdmissions.Mark(domainNo, null, blank(ownerName) ? null : ownerName, null,
				null, null, null));
		redirect.addFlashAttribute("saved", true);
		return "redirect:/projects/key/" + p.id();
	}

	static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
