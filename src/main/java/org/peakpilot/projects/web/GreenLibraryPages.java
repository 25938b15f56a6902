package org.peakpilot.projects.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.Role;
import org.peakpilot.projects.internal.GreenCriteria;
import org.peakpilot.projects.internal.GreenLibraryStore;
import org.peakpilot.projects.internal.GreenLibraryStore.Entry;
import org.peakpilot.projects.internal.GreenLibraryStore.Filter;
import org.peakpilot.projects.internal.GreenLibraryStore.Kind;
import org.peakpilot.projects.internal.GreenLibraryStore.Status;
import org.peakpilot.registry.Registry;
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

/**
 * The green library's pages (plan 二(五)5, ADR 0018 "Green library"): the library of listed entries with filters and
 * the Excel export (banks land here), the application form of enterprise users, the application list that is the
 * office's review queue, and an entry's page with its evaluations and the office's decisions.
 */
@Controller
class GreenLibraryPages {

	private final GreenLibraryStore store;
	private final GreenLibraryWorkbook workbook;
	private final Registry registry;

	GreenLibraryPages(GreenLibraryStore store, GreenLibraryWorkbook workbook, Registry registry) {
		this.store = store;
		this.workbook = workbook;
		this.registry = registry;
	}

	/** The application form's fields. */
	record GreenApplyForm(Kind kind, String projectName, String categoryCode, BigDecimal investment, BigDecimal co2Reduction,
			BigDecimal annualCo2, BigDecimal outputValue, String description) {
	}

	@GetMapping("/projects/green")
	String library(@RequestParam(required = false) Kind kind, @RequestParam(required = false) Status status,
			@RequestParam(required = false) String county, @RequestParam(required = false) String category,
			@RequestParam(required = false) String q, Model model) {
		Filter filter = new Filter(kind, status, county, category, q);
		model.addAttribute("rows", store.library(filter));
		model.addAttribute("filter", filter);
		common(model);
		model.addAttribute("office", AccessScope.current().isCityWide());
		model.addAttribute("readsApplications", store.readsApplications());
		return "projects/green-library";
	}

	@GetMapping("/projects/green/export.xlsx")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Kind kind, @RequestParam(required = false) String county,
			@RequestParam(required = false) String category) {
		byte[] bytes = workbook.write(store.library(new Filter(kind, null, county, category, null)));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("green-library.xlsx", StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.parseMediaType(GreenLibraryApi.XLSX)).body(bytes);
	}

	@GetMapping("/projects/green/applications")
	String applications(@RequestParam(required = false) Kind kind, @RequestParam(required = false) Status status, Model model) {
		model.addAttribute("rows", store.applications(new Filter(kind, status, null, null, null)));
		model.addAttribute("kind", kind);
		model.addAttribute("status", status);
		model.addAttribute("statuses", Status.values());
		model.addAttribute("office", AccessScope.current().isCityWide());
		model.addAttribute("applicant", AccessScope.current().hasRole(Role.ENTERPRISE_USER));
		common(model);
		return "projects/green-applications";
	}

	@GetMapping("/projects/green/apply")
	String applyForm(Model model) {
		store.requireApplicant();
		common(model);
		model.addAttribute("maxMiB", org.peakpilot.platform.EvidenceDocument.MAX_MIB);
		return "projects/green-apply";
	}

	@PostMapping("/projects/green/applications")
	@BackTo(value = "/projects/green/apply", keep = { "kind", "projectName", "categoryCode", "investment", "co2Reduction", "annualCo2",
			"outputValue", "description" })
	String apply(@ModelAttribute GreenApplyForm form, @RequestParam(required = false) MultipartFile file, RedirectAttributes redirect)
			throws IOException {
		byte[] bytes = file == null || file.isEmpty() ? null : file.getBytes();
		String name = file == null || file.isEmpty() ? null : file.getOriginalFilename();
		Entry e = store.apply(new GreenLibraryStore.Application(form.kind(), form.projectName(), form.categoryCode(), form.investment(),
				form.co2Reduction(), form.annualCo2(), form.outputValue(), form.description(), name, bytes));
		redirect.addFlashAttribute("applied", e.id());
		return "redirect:/projects/green/entries/" + e.id();
	}

	@GetMapping("/projects/green/entries/{id}")
	String entry(@PathVariable long id, Model model) {
		if (store.readsApplications()) {
			model.addAttribute("entry", store.application(id));
			model.addAttribute("evaluations", store.evaluations(id));
		}
		else {
			model.addAttribute("listing", store.listing(id));
		}
		model.addAttribute("office", AccessScope.current().isCityWide());
		common(model);
		return "projects/green-entry";
	}

	@PostMapping("/projects/green/entries/{id}/approve")
	@BackTo(value = "/projects/green/entries/{id}", keep = "comment")
	String approve(@PathVariable long id, @RequestParam(required = false) String comment, RedirectAttributes redirect) {
		store.approve(id, comment);
		redirect.addFlashAttribute("decided", "approved");
		return "redirect:/projects/green/entries/" + id;
	}

	@PostMapping("/projects/green/entries/{id}/reject")
	@BackTo(value = "/projects/green/entries/{id}", keep = "comment")
	String reject(@PathVariable long id, @RequestParam(required = false) String comment, RedirectAttributes redirect) {
		store.reject(id, comment);
		redirect.addFlashAttribute("decided", "rejected");
		return "redirect:/projects/green/entries/" + id;
	}

	@PostMapping("/projects/green/entries/{id}/remove")
	@BackTo(value = "/projects/green/entries/{id}", keep = "comment")
	String remove(@PathVariable long id, @RequestParam(required = false) String comment, RedirectAttributes redirect) {
		store.remove(id, comment);
		redirect.addFlashAttribute("decided", "removed");
		return "redirect:/projects/green/entries/" + id;
	}

	@PostMapping("/projects/green/entries/{id}/keep")
	@BackTo(value = "/projects/green/entries/{id}", keep = "comment")
	String keep(@PathVariable long id, @RequestParam(required = false) String comment, RedirectAttributes redirect) {
		store.keep(id, comment);
		redirect.addFlashAttribute("decided", "kept");
		return "redirect:/projects/green/entries/" + id;
	}

	@PostMapping("/projects/green/reevaluate")
	@BackTo("/projects/green/applications")
	String reevaluate(RedirectAttributes redirect) {
		redirect.addFlashAttribute("flagged", store.reevaluate(false).size());
		return "redirect:/projects/green/applications";
	}

	@GetMapping("/projects/green/entries/{id}/document")
	ResponseEntity<byte[]> document(@PathVariable long id) {
		GreenLibraryStore.Document d = store.document(id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.name(), StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.parseMediaType(d.type())).body(d.bytes());
	}

	private void common(Model model) {
		model.addAttribute("kinds", Kind.values());
		model.addAttribute("categories", store.settings().catalogue());
		model.addAttribute("criteriaVersion", store.settings().version());
		model.addAttribute("settings", store.settings());
		model.addAttribute("counties", registry.counties());
		Map<String, String> names = registry.counties().stream().collect(Collectors.toMap(c -> c.code(), c -> c.nameZh(), (a, b) -> a));
		model.addAttribute("countyNames", names);
		model.addAttribute("states", GreenCriteria.State.values());
	}
}
